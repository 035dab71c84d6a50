import { Layout, type PageChrome } from '../web/layout.js';
import { Choices, ErrorSummary, Form, type FormState } from '../web/fields.js';
import { FONTS, SIZES, THEMES, WIDTHS } from './settings.js';

export function ReadingSettingsPage({ chrome, state, csrf }: { chrome: PageChrome; state: FormState; csrf: string }) {
  return (
    <Layout title="Reading settings" {...chrome}>
      <h1>Reading settings</h1>
      <p>
        How works and pages look to you. {chrome.viewer.kind === 'user'
          ? 'They are kept with your account, so they follow you to every device.'
          : 'They are kept in this browser; sign in to keep them with your account.'}
      </p>
      <ErrorSummary errors={state.errors} />
      <Form action="/settings/reading" csrf={csrf} class="narrow">
        <Choices name="theme" legend="Colours" options={THEMES} state={state} multiple={false} />
        <Choices name="font" legend="Font" options={FONTS} state={state} multiple={false} />
        <Choices name="size" legend="Text size" options={SIZES} state={state} multiple={false} />
        <Choices name="width" legend="Line width" options={WIDTHS} state={state} multiple={false} />
        <button type="submit">Save Settings</button>
      </Form>
    </Layout>
  );
}
