import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ProfileEditorPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="Profile" />
    </Container>
  );
}
