/**
 * The list of checklist items a supplement request names, each with its reason (completeness check
 * findings and the appraiser's request share it): add a line, pick the item, say why.
 */
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { Controller, useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';

export interface ItemReasonValues {
  items: { item: string; reason: string }[];
}

export function itemReasonFields(count: number): string[] {
  return ['items', ...Array.from({ length: count }, (_, i) => [`items.${i}.item`, `items.${i}.reason`]).flat()];
}

export function ItemReasons<T extends ItemReasonValues>({
  control,
  register,
  errors,
  options,
  legend,
}: {
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  options: { value: string; label: string }[];
  legend: string;
}) {
  // The generic form shares this part; react-hook-form's paths are typed against ItemReasonValues.
  const typedControl = control as unknown as Control<ItemReasonValues>;
  const typedRegister = register as unknown as UseFormRegister<ItemReasonValues>;
  const typedErrors = errors as FieldErrors<ItemReasonValues>;
  const { fields, append, remove } = useFieldArray({ control: typedControl, name: 'items' });
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600} size="sm">
        {legend}
      </Text>
      {typedErrors.items?.message && (
        <Text c="red.8" size="sm">
          {typedErrors.items.message}
        </Text>
      )}
      {fields.map((field, index) => (
        <Group key={field.id} align="flex-end" wrap="wrap">
          <Controller
            control={typedControl}
            name={`items.${index}.item`}
            render={({ field: item, fieldState }) => (
              <Select label={`Thành phần ${index + 1}`} data={options} value={item.value || null} onChange={(v) => item.onChange(v ?? '')} error={fieldState.error?.message} w={300} searchable />
            )}
          />
          <TextInput label={`Lý do ${index + 1}`} {...typedRegister(`items.${index}.reason`)} error={typedErrors.items?.[index]?.reason?.message} w={360} />
          <ActionIcon variant="default" size="lg" onClick={() => remove(index)} aria-label={`Bỏ dòng ${index + 1}`}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => append({ item: '', reason: '' })}>
          Thêm thành phần
        </Button>
      </Group>
    </Stack>
  );
}
