import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function UsersPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="Users" />
    </Container>
  );
}
