import { CloseButton, Menu, Popover, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import classes from './lists.module.css';
import { useLocalValue } from './useLocalValue.ts';

interface ChipProps {
  /** The filter's name: the button's accessible name, exactly. */
  label: string;
  /** The active value in words ("20–80 · High"), or null when the filter is off. */
  value: string | null;
  onClear: () => void;
  /** The clear button's name ("Clear score filter"). */
  clearLabel: string;
  /** Why the filter cannot be used now (shown as a tooltip; the chip is disabled). */
  disabledReason?: string | null;
}

function ChipShell({
  value,
  onClear,
  clearLabel,
  disabledReason,
  children,
}: Omit<ChipProps, 'label'> & { children: ReactNode }) {
  const shell = (
    <div
      className={classes.chip}
      data-active={value ? true : undefined}
      data-disabled={disabledReason ? true : undefined}
    >
      {children}
      {value && (
        <CloseButton
          size="sm"
          radius="xl"
          className={classes.chipClear}
          aria-label={clearLabel}
          onClick={onClear}
        />
      )}
    </div>
  );
  return disabledReason ? (
    <Tooltip label={disabledReason} withArrow>
      {shell}
    </Tooltip>
  ) : (
    shell
  );
}

/**
 * The chip's button. Its accessible name is its text: the filter's name alone when off, "name: value"
 * when on (so the name always starts with the filter's name and contains what is visible).
 */
function Trigger({
  label,
  value,
  disabled,
  className,
  ...rest
}: { label: string; value: string | null; disabled?: boolean; className?: string } & Record<
  string,
  unknown
>) {
  return (
    <UnstyledButton
      {...rest}
      className={className ? `${classes.chipButton} ${className}` : classes.chipButton}
      disabled={disabled}
    >
      <span>
        {label}
        {value ? ':' : ''}
      </span>
      {value && ' '}
      {value && <span className={classes.chipValue}>{value}</span>}
      <IconChevronDown size={14} stroke={2} aria-hidden />
    </UnstyledButton>
  );
}

/** A quick filter that opens a popover (score range, channels, tags). */
export function FilterPopoverChip({
  label,
  value,
  onClear,
  clearLabel,
  disabledReason,
  width = 300,
  children,
}: ChipProps & { width?: number; children: ReactNode }) {
  return (
    <ChipShell value={value} onClear={onClear} clearLabel={clearLabel} disabledReason={disabledReason}>
      <Popover width={width} position="bottom-start" shadow="md" trapFocus withinPortal>
        <Popover.Target>
          <Trigger label={label} value={value} disabled={!!disabledReason} />
        </Popover.Target>
        <Popover.Dropdown>{children}</Popover.Dropdown>
      </Popover>
    </ChipShell>
  );
}

/** A quick filter that opens a menu of single choices (assignee). */
export function FilterMenuChip({
  label,
  value,
  onClear,
  clearLabel,
  disabledReason,
  children,
}: ChipProps & { children: ReactNode }) {
  return (
    <ChipShell value={value} onClear={onClear} clearLabel={clearLabel} disabledReason={disabledReason}>
      <Menu position="bottom-start" shadow="md" width={240} withinPortal>
        <Menu.Target>
          <Trigger label={label} value={value} disabled={!!disabledReason} />
        </Menu.Target>
        <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
          {children}
        </Menu.Dropdown>
      </Menu>
    </ChipShell>
  );
}

/** An on/off quick filter (unread). */
export function FilterToggleChip({
  label,
  active,
  onChange,
  icon,
}: {
  label: string;
  active: boolean;
  onChange: (active: boolean) => void;
  icon?: ReactNode;
}) {
  const [on, setOn] = useLocalValue(active);
  return (
    <div className={classes.chip} data-active={on ? true : undefined}>
      <UnstyledButton
        className={classes.chipButton}
        aria-pressed={on}
        onClick={() => {
          setOn(!on);
          onChange(!on);
        }}
        style={{ paddingRight: 12 }}
      >
        {icon}
        {label}
      </UnstyledButton>
    </div>
  );
}
