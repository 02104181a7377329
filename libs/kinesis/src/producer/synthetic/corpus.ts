// Words of the synthetic social stream: phrases in several languages and scripts, emoji,
// and a hashtag vocabulary whose head is real-looking and whose tail is generated.

/** Phrases of one language (lang undefined = the source gave no tag). */
export interface LanguageCorpus {
  readonly lang: string | undefined;
  /** Share of posts in this language. */
  readonly weight: number;
  readonly phrases: readonly string[];
}

/** Languages of the stream, most common first. */
export const LANGUAGES: readonly LanguageCorpus[] = [
  {
    lang: 'en',
    weight: 0.38,
    phrases: [
      'Just shipped the new release',
      'Can not believe this game last night',
      'Coffee first, then code',
      'What a terrible day for the commute',
      'Loving the new album so much',
      'Hot take: tabs are fine',
      'Anyone else watching the launch?',
      'This thread is gold',
      'Weekend plans: nothing at all',
      'The conference keynote was great',
    ],
  },
  {
    lang: 'es',
    weight: 0.1,
    phrases: [
      '¡Qué partido tan increíble!',
      'Mañana vuelvo al trabajo',
      'No puedo creer lo que pasó',
      'La música de hoy es otra cosa',
      'Buenos días a todos',
    ],
  },
  {
    lang: 'pt-BR',
    weight: 0.09,
    phrases: [
      'Que jogo incrível hoje',
      'Bom dia a todos',
      'Não aguento mais esse trânsito',
      'Alguém viu o lançamento?',
      'Café e código, sempre',
    ],
  },
  {
    lang: 'ja',
    weight: 0.08,
    phrases: [
      '今日はとても良い天気です',
      '新しいカフェに行きました',
      '電車が遅れています',
      'このアルバム最高',
      '週末は何もしない',
    ],
  },
  {
    lang: 'ar',
    weight: 0.05,
    phrases: ['صباح الخير للجميع', 'خبر عاجل من المدينة', 'مباراة رائعة اليوم', 'لا أصدق ما حدث'],
  },
  {
    lang: 'ru',
    weight: 0.05,
    phrases: ['Отличная погода сегодня', 'Новый релиз уже здесь', 'Кто смотрел матч?', 'Кофе и код'],
  },
  { lang: 'hi', weight: 0.04, phrases: ['आज का दिन बहुत अच्छा है', 'नमस्ते दोस्तों', 'मैच शानदार था', 'नई फिल्म देखी'] },
  {
    lang: 'ko',
    weight: 0.04,
    phrases: ['오늘 날씨 정말 좋다', '새 앨범 최고', '출근길 너무 힘들어', '주말에 뭐 하지'],
  },
  {
    lang: 'de',
    weight: 0.04,
    phrases: [
      'Guten Morgen zusammen',
      'Das Spiel gestern war unglaublich',
      'Straßenbahn schon wieder verspätet',
      'Neues Release ist draußen',
    ],
  },
  {
    lang: 'fr',
    weight: 0.04,
    phrases: ['Bonjour à tous', 'Quel match hier soir', 'Le café avant tout', 'Nouvelle version disponible'],
  },
  { lang: 'zh', weight: 0.03, phrases: ['今天天气很好', '新专辑太好听了', '地铁又晚点了', '周末快乐'] },
  { lang: 'tr', weight: 0.02, phrases: ['Günaydın herkese', 'Maç harikaydı', 'Yeni sürüm çıktı'] },
  { lang: undefined, weight: 0.04, phrases: ['lol 😂😂', '🔥🔥🔥', 'ok', '+1', '👀'] },
];

/** Emoji, including skin tones, flags and ZWJ sequences. */
export const EMOJI = ['🎉', '😂', '🔥', '👍🏽', '🇧🇷', '🇯🇵', '👨‍👩‍👧', '❤️', '🚀', '🙏', '😭', '✨', '🤔', '💯'] as const;

/** The head of the hashtag vocabulary (lower case, no '#'), several scripts. */
export const HEAD_HASHTAGS = [
  'ai',
  'breaking',
  'worldcup',
  'climate',
  'music',
  'news',
  'typescript',
  'aws',
  'serverless',
  'gaming',
  'café',
  'fútbol',
  'música',
  '東京',
  'москва',
  'عاجل',
  'k팝',
  'हिंदी',
  'straße',
  '北京',
  'olympics2028',
  'election',
  'crypto',
  'movies',
  'photography',
  'rustlang',
  'nba',
  'f1',
  'anime',
  'travel',
] as const;

/** The hashtag of a vocabulary rank: the head list first, then generated tail tags. */
export function hashtagAt(rank: number): string {
  return rank < HEAD_HASHTAGS.length ? (HEAD_HASHTAGS[rank] as string) : `topic${rank}`;
}

/** Networks the synthetic posts come from, with shares. */
export const SOURCES = [
  { source: 'x', weight: 0.4 },
  { source: 'bluesky', weight: 0.2 },
  { source: 'mastodon', weight: 0.15 },
  { source: 'threads', weight: 0.15 },
  { source: 'reddit', weight: 0.1 },
] as const;
