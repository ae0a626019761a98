import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ProfilesPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="Manage Scoring" />
    </Container>
  );
}
