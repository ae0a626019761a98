import {
  ActionIcon,
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconAdjustmentsHorizontal,
  IconChartBar,
  IconKey,
  IconLogout,
  IconMessages,
  IconMoon,
  IconRoute,
  IconSettings,
  IconSun,
  IconUsers,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession, useSignOut } from '../auth/session.ts';
import { TallyMark } from '../ui/TallyMark.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

const MAIN_NAV = [
  { to: '/conversations', label: 'Conversations', icon: IconMessages },
  { to: '/contacts', label: 'Contacts', icon: IconAddressBook },
  { to: '/insights', label: 'Insights', icon: IconChartBar },
  { to: '/workflows', label: 'Workflows', icon: IconRoute },
] as const;

const SETTINGS_NAV = [
  { to: '/settings/scoring', label: 'Manage Scoring', icon: IconAdjustmentsHorizontal },
  { to: '/settings/api-keys', label: 'API keys', icon: IconKey },
  { to: '/settings/users', label: 'Users', icon: IconUsers },
  { to: '/settings/general', label: 'General', icon: IconSettings },
] as const;

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={`Switch to ${next} theme`}
        onClick={() => setColorScheme(next)}
      >
        {scheme === 'dark' ? <IconSun size={20} /> : <IconMoon size={20} />}
      </ActionIcon>
    </Tooltip>
  );
}

function UserMenu() {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = session.data?.user;
  if (!user) return null;
  const initials = user.name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" width={220}>
      <Menu.Target>
        <UnstyledButton>
          {/* The initials are decoration; the button's name is the hidden text (axe: name contains what shows). */}
          <Avatar color="blue" radius="xl" size={34} aria-hidden>
            {initials}
          </Avatar>
          <VisuallyHidden>Account menu for {user.name}</VisuallyHidden>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed">
            {user.email} · {user.role}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/signin') })}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function NavLinks({
  items,
  isActive,
}: {
  items: readonly { to: string; label: string; icon: typeof IconMessages }[];
  isActive: (to: string) => boolean;
}) {
  return items.map((item) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={<item.icon size={18} stroke={1.7} />}
      active={isActive(item.to)}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  ));
}

/** The frame around every signed-in page: header, navigation (a drawer on phones) and the page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const session = useSession();
  // Following a link closes the phone drawer.
  const path = location.pathname;
  useEffect(() => {
    if (path) close();
  }, [path, close]);
  const isActive = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <Link
              to="/conversations"
              aria-label="Tally home"
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                textDecoration: 'none',
                color: 'inherit',
              }}
            >
              <TallyMark size={28} />
              <Text fw={700} fz="lg" component="span">
                Tally
              </Text>
            </Link>
            {session.data && (
              <Text c="dimmed" size="sm" visibleFrom="xs" truncate maw={220}>
                {session.data.account.name}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow component={ScrollArea}>
          <NavLinks items={MAIN_NAV} isActive={isActive} />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="lg" mb={4} px="sm">
            Settings
          </Text>
          <NavLinks items={SETTINGS_NAV} isActive={isActive} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
