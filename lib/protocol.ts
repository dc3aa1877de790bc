/**
 * Every message EM Lens sends between its parts: its request, its reply, who
 * may send it, and the check its payload passes where it arrives. A message
 * that fails the check gets an error reply and nothing is written.
 */
import { checkArticleRecord, type ArticleRecord, type Checked } from './article-record';

export type SenderKind = 'content-script' | 'extension-page';

export interface Protocol {
  /** Store (or update) the article a content script read. */
  'article:save': {
    request: { record: ArticleRecord };
    response: { savedAt: number; created: boolean };
  };
  /** Is this article in the archive? */
  'article:status': {
    request: { id: string };
    response: { saved: boolean; savedAt: number | null };
  };
}

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];
export type Message<K extends MessageType = MessageType> = { type: K; payload: Request<K> };
export type Reply<K extends MessageType = MessageType> =
  | { ok: true; data: Response<K> }
  | { ok: false; error: string };

function checkArticleId(payload: unknown): Checked<{ id: string }> {
  const id = (payload as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^\d{17,23}$/.test(id)
    ? { ok: true, value: { id } }
    : { ok: false, error: 'id must be an Eastmoney article number' };
}

const RULES: { [K in MessageType]: { from: SenderKind[]; check: (payload: unknown) => Checked<Request<K>> } } = {
  'article:save': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const record = checkArticleRecord((payload as { record?: unknown } | null)?.record);
      return record.ok ? { ok: true, value: { record: record.value } } : record;
    },
  },
  'article:status': { from: ['content-script', 'extension-page'], check: checkArticleId },
};

export type Handlers = { [K in MessageType]: (request: Request<K>) => Promise<Response<K>> };

/**
 * The receiving end: checks shape, type and sender, then calls the handler.
 * Never throws; every outcome is a Reply.
 */
export function createReceiver(handlers: Handlers) {
  return async (message: unknown, sender: SenderKind | null): Promise<Reply> => {
    if (typeof message !== 'object' || message === null) return refuse('message must be an object');
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(RULES, type)) return refuse(`unknown message type ${JSON.stringify(type)}`);
    const rule = RULES[type as MessageType];
    if (sender === null || !rule.from.includes(sender)) return refuse(`${type} is not accepted from this sender`);
    const checked = rule.check(payload);
    if (!checked.ok) return refuse(`${type}: ${checked.error}`);
    try {
      const handler = handlers[type as MessageType] as (request: unknown) => Promise<unknown>;
      return { ok: true, data: (await handler(checked.value)) as Response<MessageType> };
    } catch (error) {
      return refuse(`${type} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function refuse(error: string): Reply {
  return { ok: false, error };
}

/** The sending end, over any transport (runtime.sendMessage in the extension). */
export function createSender(transport: (message: Message) => Promise<unknown>) {
  return async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
    const reply = (await transport({ type, payload } as Message)) as Reply<K> | undefined;
    if (!reply || typeof reply !== 'object') throw new Error(`${type}: no reply from the extension`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
}
