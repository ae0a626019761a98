import { notifications } from '@mantine/notifications';
import { errorText } from './QueryState.tsx';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: errorText(error), autoClose: 6000 });
}
