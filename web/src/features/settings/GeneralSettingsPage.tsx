import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function GeneralSettingsPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="General" />
    </Container>
  );
}
