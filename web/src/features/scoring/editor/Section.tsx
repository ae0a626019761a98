import { Card, Group, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** One titled card of the editor. */
export function Section({
  title,
  description,
  actions,
  children,
  id,
}: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; id?: string }) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Card withBorder radius="md" padding={phone ? 'md' : 'lg'} component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="md" wrap="wrap">
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Title order={2} fz="lg" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      {children}
    </Card>
  );
}
