import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ConversationsPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="Conversations" />
    </Container>
  );
}
