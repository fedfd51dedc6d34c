import type { FormControlProps, FormFieldMeta } from "@/components/ui/form-field";
import type { FormFieldSpec, FormMode } from "../form-fields";
import type { Draft } from "../form-values";

/** What every widget gets: FormField's wiring for its control, the field, and its draft with change and blur. */
export interface WidgetProps<D extends Draft> {
  spec: FormFieldSpec;
  mode: FormMode;
  control: FormControlProps;
  field: FormFieldMeta;
  value: D;
  onChange: (value: D) => void;
  /** Validates the field; pickers call it when their list closes. */
  onBlur: () => void;
  placeholder?: string;
  disabled?: boolean;
}
