import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';

interface Props {
  /** Changes when the user navigates: a new page gets a new chance to render. */
  resetKey: string;
  children: ReactNode;
}

/** A page that throws while rendering shows what happened and a way on, instead of a blank screen. */
export class ErrorBoundary extends Component<Props, { error: Error | null; key: string }> {
  constructor(props: Props) {
    super(props);
    this.state = { error: null, key: props.resetKey };
  }

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle size={18} />}
        title="This page ran into a problem"
        m="md"
        role="alert"
      >
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            Something on this page failed to show. Reloading usually helps; your data is safe.
          </Text>
          <Code>{error.message}</Code>
          <Group gap="xs">
            <Button size="xs" onClick={() => window.location.reload()}>
              Reload
            </Button>
            <Button size="xs" variant="default" onClick={() => window.location.assign('/conversations')}>
              Go to Conversations
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
}
