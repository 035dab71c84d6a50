import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../result.js';
import type { FormData } from './env.js';

export type FormState = { values: FormData; errors: FieldErrors };

export const valueOf = (values: FormData, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const valuesOf = (values: FormData, name: string): string[] => {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

export const errorId = (name: string) => `${name}-error`;

/** An error tied to its field, so screen readers announce it with the field. */
export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const message = errors[name];
  return message ? <p class="field-error" id={errorId(name)}>{message}</p> : null;
}

const described = (name: string, errors: FieldErrors, hint?: string) => {
  const ids = [errors[name] ? errorId(name) : '', hint ? `${name}-hint` : ''].filter(Boolean).join(' ');
  return ids ? { 'aria-describedby': ids, 'aria-invalid': errors[name] ? 'true' : undefined } : {};
};

type TextProps = { name: string; label: string; state: FormState; hint?: string; required?: boolean; type?: string; autocomplete?: string; maxlength?: number };

export function TextField({ name, label, state, hint, required, type, autocomplete, maxlength }: TextProps) {
  return (
    <div class={`field ${state.errors[name] ? 'has-error' : ''}`}>
      <label for={name}>{label}{required ? <span class="required-mark"> *</span> : null}</label>
      {hint ? <p class="hint" id={`${name}-hint`}>{hint}</p> : null}
      <input id={name} name={name} type={type ?? 'text'} value={type === 'password' ? '' : valueOf(state.values, name)}
        required={required} autocomplete={autocomplete} maxlength={maxlength} {...described(name, state.errors, hint)} />
      <FieldError name={name} errors={state.errors} />
    </div>
  );
}

export function TextArea({ name, label, state, hint, rows, required }: Omit<TextProps, 'type'> & { rows?: number }) {
  return (
    <div class={`field ${state.errors[name] ? 'has-error' : ''}`}>
      <label for={name}>{label}{required ? <span class="required-mark"> *</span> : null}</label>
      {hint ? <p class="hint" id={`${name}-hint`}>{hint}</p> : null}
      <textarea id={name} name={name} rows={rows ?? 6} required={required} {...described(name, state.errors, hint)}>
        {valueOf(state.values, name)}
      </textarea>
      <FieldError name={name} errors={state.errors} />
    </div>
  );
}

export function Choices(props: { name: string; legend: string; options: ReadonlyArray<readonly [value: string, label: string]>; state: FormState; multiple: boolean; required?: boolean }) {
  const chosen = valuesOf(props.state.values, props.name);
  return (
    <fieldset id={props.name} class={`field choices ${props.state.errors[props.name] ? 'has-error' : ''}`} {...described(props.name, props.state.errors)}>
      <legend>{props.legend}{props.required ? <span class="required-mark"> *</span> : null}</legend>
      {props.options.map(([value, label], i) => (
        <label class="choice">
          <input type={props.multiple ? 'checkbox' : 'radio'} name={props.name} value={value}
            id={`${props.name}-${i}`} checked={chosen.includes(value)} />
          {' '}{label}
        </label>
      ))}
      <FieldError name={props.name} errors={props.state.errors} />
    </fieldset>
  );
}

export function Select(props: { name: string; label: string; options: ReadonlyArray<readonly [value: string, label: string]>; state: FormState; required?: boolean; blank?: string }) {
  const current = valueOf(props.state.values, props.name);
  return (
    <div class={`field ${props.state.errors[props.name] ? 'has-error' : ''}`}>
      <label for={props.name}>{props.label}{props.required ? <span class="required-mark"> *</span> : null}</label>
      <select id={props.name} name={props.name} required={props.required} {...described(props.name, props.state.errors)}>
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.options.map(([value, label]) => <option value={value} selected={value === current}>{label}</option>)}
      </select>
      <FieldError name={props.name} errors={props.state.errors} />
    </div>
  );
}

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** A summary of what to fix, at the top of a form that came back with errors. */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const list = Object.entries(errors);
  if (list.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{list.length === 1 ? 'One thing needs fixing' : `${list.length} things need fixing`} before this can be saved:</p>
      <ul>{list.map(([name, message]) => <li>{name === 'form' ? message : <a href={`#${name}`}>{message}</a>}</li>)}</ul>
    </div>
  );
}

export function Form(props: { action: string; csrf: string; children: Child; class?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} novalidate>
      <Csrf token={props.csrf} />
      {props.children}
    </form>
  );
}
