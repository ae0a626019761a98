import { Container } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ApiKeysPage() {
  return (
    <Container size="xl" py="md">
      <PageHeader title="API keys" />
    </Container>
  );
}
