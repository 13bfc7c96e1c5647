import { NotifyClient } from 'notifications-node-client';

// How queued notifications leave Accord. Without GOV.UK Notify configured they stay in the in-app
// outbox, which is always there: Accord never depends on an outside service to tell staff what is due.

export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
  // Our notification's id, so a message in Notify can be traced back to the outbox.
  reference: string;
}

export type Notifier = { channel: 'app' } | { channel: 'email'; sendEmail(message: EmailMessage): Promise<void> };

export const inAppNotifier: Notifier = { channel: 'app' };

// The part of the official client that Accord uses.
export interface NotifyEmailClient {
  sendEmail(templateId: string, emailAddress: string, options: { personalisation: Record<string, string>; reference: string }): Promise<unknown>;
}

// Sends through GOV.UK Notify with one template whose subject and body are the personalisation fields
// ((subject)) and ((body)).
export function govukNotifyNotifier(client: NotifyEmailClient, templateId: string): Notifier {
  return {
    channel: 'email',
    async sendEmail(message) {
      try {
        await client.sendEmail(templateId, message.to, { personalisation: { subject: message.subject, body: message.body }, reference: message.reference });
      } catch (error) {
        throw new Error(describeNotifyError(error));
      }
    },
  };
}

// Notify answers a refused request with a list of errors; the client raises it as an HTTP error whose
// response carries them. Only those messages are kept: the request itself holds the API key's token.
export function describeNotifyError(error: unknown): string {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } } }).response;
  const errors = response?.data?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return `GOV.UK Notify refused the email (${response?.status ?? 'no status'}): ${errors.map((item) => `${item.error ?? 'Error'}: ${item.message ?? ''}`.trim()).join('; ')}`;
  }
  if (response?.status) return `GOV.UK Notify answered ${response.status}`;
  return `GOV.UK Notify could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

export interface NotifySettings {
  notifyApiKey: string | undefined;
  notifyTemplateId: string | undefined;
}

// Email through Notify when NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are both set; otherwise the in-app
// outbox only (with a warning when just one of them is set, since that looks like a mistake).
export function notifierFromSettings(settings: NotifySettings, warn: (message: string) => void = () => undefined): Notifier {
  if (settings.notifyApiKey && settings.notifyTemplateId) {
    return govukNotifyNotifier(new NotifyClient(settings.notifyApiKey), settings.notifyTemplateId);
  }
  if (settings.notifyApiKey || settings.notifyTemplateId) {
    warn('NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID must both be set to send email; notifications stay in the in-app outbox');
  }
  return inAppNotifier;
}
