// Form helpers: a shared zod schema as an antd validation rule, with a translated message.
import type { FormRule } from 'antd';
import type { z } from 'zod';

export function zodRule(schema: z.ZodType, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
