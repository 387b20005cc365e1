/** The template: recognised from the header row (default), or picked by the user when recognition fails. */
import { Field, Select } from '@fluentui/react-components';
import { TEMPLATE_IDS, type TemplateId } from '../../core/types';
import { templateTitle } from '../model';

const AUTO = 'auto';

export function TemplatePicker({
  value,
  onChange,
  disabled,
}: {
  value: TemplateId | null;
  onChange: (t: TemplateId | null) => void;
  disabled?: boolean;
}) {
  return (
    <Field label="模板" hint="默认按表头自动识别；识别不了时请手动选择">
      <Select
        value={value ?? AUTO}
        disabled={disabled}
        onChange={(_, data) => onChange(data.value === AUTO ? null : (data.value as TemplateId))}
      >
        <option value={AUTO}>自动识别</option>
        {TEMPLATE_IDS.map((id) => (
          <option key={id} value={id}>
            {templateTitle(id)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
