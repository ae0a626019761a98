import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function InsightsPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="Insights" />
    </Container>
  );
}
