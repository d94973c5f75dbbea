/**
 * Mantine cuts a badge's label with an ellipsis when its column is narrow; a deadline or a verdict
 * cut to "QUÁ HẠN 3…" is a wrong figure, so these badges grow and wrap instead.
 */
export const NO_TRUNCATION = { root: { maxWidth: 'none', overflow: 'visible', height: 'auto' }, label: { overflow: 'visible', whiteSpace: 'normal' } } as const;
