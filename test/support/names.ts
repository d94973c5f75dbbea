export const TEST_TEMPLATE_DATABASE = 'ccn_template';
