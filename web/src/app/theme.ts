import { type CSSVariablesResolver, Drawer, Menu, Modal, createTheme, darken } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 for filled buttons and badges: white text on Mantine's default shade 6 is below WCAG AA (3.5:1).
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Close buttons need a name for screen readers; Mantine's menu focus placeholder is an unnamed
    // focusable element axe reports inside role=menu.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/**
 * Text dark enough for WCAG AA (4.5:1) in both themes: secondary ("dimmed") text, and the text of
 * light-variant badges and buttons (Mantine's shade on its own tinted background falls just short).
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.keys(resolved.colors).map((color) => [
        `--mantine-color-${color}-light-color`,
        darken(resolved.colors[color]![9]!, 0.3),
      ]),
    ),
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
