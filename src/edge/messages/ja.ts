// Japanese (polite form): what the person who texted is told. Same codes and variants as en.ts;
// names no parameter, variable or code. Examples stay what the service reads (+1 415 555 0100,
// 09:30, 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const SORRY = '申し訳ありません。';
const NOTHING_DONE: Record<string, string> = {
  create: '何も送信されていません。',
  cancel: '何もキャンセルされていません。',
};
const MAYBE_DONE: Record<string, string> = {
  create:
    'ただし、メッセージが予約されている可能性があります。もう一度お試しになる前にご確認ください。',
  cancel:
    'ただし、メッセージがキャンセルされている可能性があります。もう一度お試しになる前にご確認ください。',
};
const CANNOT: Record<string, string> = {
  create: `${SORRY}現在、メッセージを予約できません。`,
  cancel: `${SORRY}現在、メッセージをキャンセルできません。`,
  read: `${SORRY}現在、メッセージを確認できません。`,
};
const REFUSED: Record<string, string> = {
  create: `${SORRY}このメッセージを予約できませんでした。`,
  cancel: `${SORRY}このメッセージをキャンセルできませんでした。`,
  read: `${SORRY}メッセージを確認できませんでした。`,
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: `${SORRY}この電話番号は無効です。`,
  21610: `${SORRY}この番号はこれらのメッセージの受信を停止しています（STOPと返信済みです）。`,
  21612: `${SORRY}この番号にはメッセージを送信できません。`,
  21614: `${SORRY}この番号はSMSを受信できません。`,
  35125: `${SORRY}アカウントの上限に達したため、現在これ以上メッセージを予約できません。`,
};
const HANDLED = `${SORRY}このご依頼を処理できませんでした。`;
const NO_CANCEL_NAMED = `${SORRY}キャンセルするメッセージが指定されていないため、何もキャンセルされていません。`;
const CANNOT_SCHEDULE = `${SORRY}現在、メッセージを予約できません。何も送信されていません。`;

export const JA: MessageTable = {
  language: 'ja',
  nouns: {
    request: 'ご依頼の内容',
    to: '宛先の電話番号',
    number: '宛先の電話番号',
    body: 'メッセージの本文',
    message: 'メッセージの本文',
    mediaUrl: '添付ファイルのリンク',
    contentSid: 'メッセージのテンプレート',
    contentVariables: 'メッセージのテンプレート',
    minutes: '送信日時',
    delay: '送信日時',
    sendAt: '送信日時',
    at: '送信日時',
    when: '送信日時',
    ifTooSoon: '送信日時',
    timeZone: 'タイムゾーン',
    quietHours: '送信を控える時間帯',
    sid: 'キャンセルするメッセージ',
  },
  unreadable: (f, w) => `${SORRY}${nounIn(w, f.field)}を読み取れませんでした。`,
  conflicting: (f, w) => `${SORRY}${nounIn(w, f.field)}に異なる2つの値が指定されていました。`,
  messages: {
    NO_FIELDS: `${SORRY}ご依頼の内容が空だったため、何も行われていません。`,
    MISSING_TO: { default: `${SORRY}送信先の電話番号が指定されていません。`, list: HANDLED },
    INVALID_TO: `${SORRY}電話番号が正しくないようです。+と国番号を付けて、+1 415 555 0100 のように入力してください。`,
    CONFLICTING_TO: `${SORRY}宛先の電話番号に異なる2つの値が指定されていました。`,
    MISSING_CONTENT: `${SORRY}送信するメッセージがありませんでした。`,
    BODY_TOO_LONG: (f) => `${SORRY}メッセージが長すぎます。${f.max}文字以内にしてください。`,
    INVALID_BODY: `${SORRY}メッセージの本文を読み取れませんでした。`,
    CONFLICTING_BODY: `${SORRY}メッセージの本文に異なる2つの値が指定されていました。`,
    INVALID_MEDIA_URL: `${SORRY}添付ファイルのリンクが、送信できるウェブアドレスではありません。`,
    TOO_MANY_MEDIA: (f) => `${SORRY}1つのメッセージに添付できるファイルは${f.max}個までです。`,
    INVALID_CONTENT_SID: `${SORRY}メッセージのテンプレートが正しく設定されていないため、何も送信されていません。`,
    INVALID_CONTENT_VARIABLES: {
      default: `${SORRY}メッセージのテンプレートの値を読み取れなかったため、何も送信されていません。`,
      withoutTemplate: `${SORRY}テンプレートの値がテンプレートなしで届いたため、何も送信されていません。`,
    },
    CONFLICTING_CONTENT: `${SORRY}メッセージがテンプレートとテキストの両方で指定されたため、何も送信されていません。`,
    MISSING_SEND_TIME: `${SORRY}メッセージの送信日時が指定されていません。`,
    CONFLICTING_SEND_TIME: `${SORRY}送信日時が複数指定されたため、何も予約されていません。`,
    INVALID_MINUTES: {
      default: `${SORRY}待ち時間は、30 のように0より大きい分数で指定してください。`,
      zero: `${SORRY}待ち時間は0分より長くしてください。`,
    },
    INVALID_DELAY: {
      default: `${SORRY}その時間の長さを読み取れませんでした。90m や 2h のように指定してください。`,
      tooLong: `${SORRY}先すぎるため予約できません。`,
      zero: `${SORRY}待ち時間は0より長くしてください。`,
    },
    INVALID_SEND_AT: {
      default: `${SORRY}その日時を読み取れませんでした。`,
      noSuchDate: `${SORRY}その日付は存在しません。`,
      noSuchTime: `${SORRY}その日にその時刻は存在しません。`,
    },
    INVALID_AT: `${SORRY}その時刻を読み取れませんでした。09:30 のように24時間表記で指定してください。`,
    INVALID_WHEN: { default: WHEN_MESSAGES.ja.unreadable, ...WHEN_MESSAGES.ja },
    MISSING_TIME_ZONE: `${SORRY}その時刻のタイムゾーンが分からないため、何も予約されていません。`,
    INVALID_TIME_ZONE: `${SORRY}そのタイムゾーンは認識できません。America/New_York のような名前を使ってください。`,
    UNKNOWN_RECIPIENT_TIME_ZONE: `${SORRY}その番号のタイムゾーンが分からないため、何も予約されていません。`,
    INVALID_QUIET_HOURS: `${SORRY}送信を控える時間帯を読み取れませんでした。21:00-08:00 のように指定してください。`,
    INVALID_QUIET_DAYS: {
      default:
        '送信を控える曜日は、sun や sat,sun のような英語の曜日名か、「off」で指定してください。',
      everyDay:
        '送信を控える曜日を毎日にすることはできません。メッセージを一度も送信できなくなります。',
    },
    INVALID_LOCALE: {
      default: '言語は en-US、fr-FR、es-MX のようなコードで指定してください。',
      unreadableLanguage: `${SORRY}その言語で書かれた日時はまだ読み取れません。`,
    },
    INVALID_IF_TOO_SOON: `${SORRY}現在、この方法ではメッセージを予約できません。`,
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `${SORRY}その時刻は早すぎます。メッセージは${spanIn('ja', Number(f.minLead))}以上先から予約できます。`,
      now: `${SORRY}その時刻は早すぎます。今すぐの時刻には予約できません。`,
      past: `${SORRY}その時刻はすでに過ぎています。`,
    },
    SEND_AT_TOO_LATE: (f) =>
      `${SORRY}先すぎます。予約できるのは ${momentIn('ja', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))} までです。`,
    NO_ALLOWED_TIME: `${SORRY}今後数週間、メッセージを送信できる時間がありません。`,
    INVALID_SID: {
      default: `${SORRY}こちらのメッセージではないようなので、何もキャンセルされていません。`,
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default: `${SORRY}キャンセルする対象が指定されていないため、何もキャンセルされていません。`,
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default: `${SORRY}何をキャンセルするのかがはっきりしないため、何もキャンセルされていません。`,
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: `${SORRY}現在、メッセージを予約できません。`,
    INVALID_REPEAT: {
      default: `${SORRY}その繰り返しメッセージを設定できませんでした。`,
      unsupported:
        'その繰り返し方法には対応していません。毎日、平日、毎週、毎月のいずれかで繰り返せます。',
      noEnd: '繰り返しメッセージには終わりが必要です。回数か最終日を指定してください。',
      bothEnds: '繰り返しメッセージの終わりは、回数か日付のどちらか一方で指定してください。',
      count: (f) => `メッセージは1回から${f.max}回まで繰り返せます。`,
      until: 'シリーズの最終日を読み取れませんでした。',
      untilPast: 'シリーズの最終日はすでに過ぎています。',
      tooLong: '繰り返しメッセージの期間は最長1年です。',
      endTwice: 'シリーズの終わりが、異なる内容で2回指定されていました。',
      empty: 'そのシリーズには、開始から終了までの間に日付がありません。',
      tooMany: (f) => `メッセージの繰り返しは最大${f.max}回までです。`,
      untilTooFar: '繰り返しメッセージの期間は最長1年です。',
      countTooLong: '繰り返しメッセージの期間は最長1年です。',
      ruleTooLong:
        'その繰り返し方法には対応していません。毎日、平日、毎週、毎月のいずれかで繰り返せます。',
      allQuiet: 'そのシリーズの日付はすべて送信しない曜日にあたるため、何も予約されませんでした。',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'そのラベルは使用できません。',
    INVALID_SERIES: 'そのラベルは使用できません。',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: '申し訳ありません。予約の日時を読み取れませんでした。',
      past: '申し訳ありません。その予約の日時はすでに過ぎています。',
    },
    INVALID_REMIND: '申し訳ありません。リマインダーの時間を読み取れませんでした。',
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: 'その予約はすでに登録されています。何も変更していません。',
    APPOINTMENT_TOO_FAR:
      '申し訳ありません。その予約は先すぎるため、リマインダーをまだ予約できません。何も送信していません。',
    FREQUENCY_CAP: (f) =>
      `申し訳ありません。その日にこの番号へ予約できるメッセージは上限（最大${f.max}件）に達しています。何も送信していません。`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'そのご依頼はすでに処理中です。',
    REGISTRY_UNAVAILABLE: {
      default: CANNOT_SCHEDULE,
      list: `${SORRY}現在、予約済みのメッセージを確認できません。`,
      cancel: `${SORRY}現在、予約済みのメッセージをキャンセルできません。`,
      status: `${SORRY}現在、記録できませんでした。`,
      reply:
        '申し訳ありません。ただいま返信を記録できませんでした。少ししてからもう一度送ってください。',
      signIn: '申し訳ありません。ただいまサインインできません。',
      remindersLeft:
        '申し訳ありません。ただいまメッセージを予約できません。一部のリマインダーが予約されたままの可能性があります。もう一度試す前にご確認ください。',
    },
    REPLACE_IN_PROGRESS: 'その変更はすでに処理中です。少し待ってから、もう一度お試しください。',
    TIME_BUDGET_SPENT: (f) =>
      `申し訳ありません。現在、メッセージサービスの応答が遅れています。${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: `${SORRY}そのメッセージが見つからなかったため、何もキャンセルされていません。`,
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return `${SORRY}そのメッセージはすでに送信済みのため、キャンセルできません。`;
      if (status === 'failed' || status === 'undelivered')
        return 'そのメッセージはもともと送信できなかったため、キャンセルするものはありません。';
      return `${SORRY}そのメッセージはすでに送信中のため、キャンセルできません。`;
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING: CANNOT_SCHEDULE,
    CONFIG_INVALID: `${SORRY}サービスが正しく設定されていないため、現在ご利用いただけません。何も送信もキャンセルもされていません。`,
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client: `${SORRY}現在、メッセージを処理できません。何も送信されていません。`,
    },
    INTERNAL_ERROR: {
      default: `${SORRY}こちら側で問題が発生しました。もう一度お試しになる前に、処理が完了したかご確認ください。`,
      beforeTwilio: (f) => `${SORRY}こちら側で問題が発生しました。${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) => `${SORRY}メッセージサービスで問題が発生しました。${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `${SORRY}メッセージサービスに接続できませんでした。${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED: `${SORRY}メッセージサービスが混み合っています。1分後にもう一度お試しください。`,
    TWILIO_TIMEOUT: {
      default: `${SORRY}時間がかかりすぎました。ただし、メッセージが予約またはキャンセルされている可能性があります。もう一度お試しになる前にご確認ください。`,
      twilio: (f) =>
        `${SORRY}メッセージサービスから時間内に応答がありませんでした。${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: 'このアドレスには何もありません。',
    CONSOLE_SIGN_IN_FAILED: 'パスワードが正しくありません。',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `パスワードの誤りが多すぎます。${spanIn('ja', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}後にもう一度お試しください。`,
    CONSOLE_SIGNED_OUT: 'サインインしてください。',
    CONSOLE_SESSION_EXPIRED: 'セッションの期限が切れました。もう一度サインインしてください。',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};
