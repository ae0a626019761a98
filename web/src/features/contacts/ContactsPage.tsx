import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ContactsPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="Contacts" />
    </Container>
  );
}
