import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/700.css';
import { createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

/**
 * Be Vietnam Pro ships in the bundle (no internet font): it has every Vietnamese diacritic and
 * reads well at small sizes on old screens.
 */
export const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", system-ui, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", system-ui, sans-serif' },
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
});

/** A hex colour moved `amount` (0–1) of the way to black. */
function darken(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount)));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Mantine's default dimmed text (gray 6), links (blue 8) and the text of its light badges and
 * alerts (shade 9 on shade 1 for orange and yellow) fall below WCAG AA contrast (4.5:1); old,
 * washed-out screens make it worse. Darker shades keep the same look and pass (axe-core checks it
 * on every page in the browser tests).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': DEFAULT_THEME.colors.gray[7],
    '--mantine-color-anchor': DEFAULT_THEME.colors.blue[9],
    // A field's error text (red 6 by default, 3.3:1) is small: it needs the darker red.
    '--mantine-color-error': DEFAULT_THEME.colors.red[9],
    ...Object.fromEntries(
      Object.entries(DEFAULT_THEME.colors).map(([name, shades]) => [`--mantine-color-${name}-light-color`, darken(shades[9], 0.3)]),
    ),
  },
  dark: {},
});
