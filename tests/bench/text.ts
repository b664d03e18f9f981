/**
 * Synthetic forum prose: Italian words with a Zipf-like frequency (a few very common, a long
 * tail of rare ones), Markdown with the HTML our renderer would produce for it, and the plain
 * text the search vector is built from. Deterministic for a given seed.
 */

const VOCABULARY = `comune regione progetto cultura servizi cittadini digitale patrimonio turismo innovazione
territorio amministrazione sviluppo comunità strategia competenze documento incontro tavolo laboratorio
risorse bando finanziamento piano rete dati piattaforma formazione valorizzazione museo biblioteca
archivio partecipazione percorso obiettivo risultato attività esperienza soluzione proposta modello
strumento processo gestione qualità accesso sportello identità pagamento anagrafe interoperabilità
sicurezza privacy cloud migrazione software applicazione sito portale accessibilità usabilità
manutenzione contratto fornitore gara appalto capitolato convenzione accordo partenariato provincia
città borgo paesaggio itinerario evento festival mostra spettacolo teatro musica artigianato tradizione
enogastronomia ospitalità accoglienza visitatori flussi stagionalità sostenibilità ambiente energia
mobilità trasporti infrastruttura connettività banda scuola università ricerca impresa startup
incubatore cooperazione mediterraneo gemellaggio scambio buone pratiche monitoraggio valutazione
indicatori rendicontazione trasparenza open data catalogo metadati standard formato licenza riuso
community tutor mentore esperto dirigente funzionario ufficio personale organizzazione capacità
istituzionale governance coordinamento regia cabina comitato assemblea consiglio giunta delibera
determina regolamento norma decreto circolare linee guida scadenza calendario cronoprogramma fase
milestone budget spesa cofinanziamento fondi europei fesr pnrr coesione misura intervento azione
beneficiario destinatario target utenti feedback questionario indagine analisi diagnosi fabbisogno
mappatura stakeholder attori associazioni volontariato fondazione camera commercio sindacato
prefettura soprintendenza tribunale ospedale sanità welfare sociale inclusione giovani anziani
famiglie donne migranti disabilità povertà lavoro occupazione imprenditoria commercio agricoltura
pesca porto aeroporto stazione ferrovia strada ciclabile parcheggio verde parco giardino spiaggia
costa montagna collina lago fiume castello chiesa palazzo piazza centro storico quartiere periferia
rigenerazione riqualificazione restauro recupero scavo sito unesco candidatura marchio brand
promozione comunicazione social newsletter video podcast fotografia mappa guida app prenotazione
biglietteria card pass abbonamento sconto gratuità apertura orari chiusura personale volontari
formatori webinar workshop seminario convegno conferenza hackathon laboratori sessione verbale
relazione report sintesi presentazione slide modulo allegato versione bozza revisione approvazione
pubblicazione firma protocollo pec notifica spid cie pagopa appio anpr siope fatturazione
conservazione dematerializzazione fascicolo procedimento istanza domanda richiesta risposta`
  .split(/\s+/)
  .filter(Boolean);

const STOP = 'il la di e per con nel della delle dei un una che non come anche più al sul tra questo'.split(' ');

const OPENERS = ['Grazie', 'Ottimo', 'Buongiorno a tutti', 'Concordo', 'Una domanda', 'Segnalo', 'Aggiungo'];

export type Random = () => number;

/** A small seeded PRNG (mulberry32): the same seed gives the same data set. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rnd: Random, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

/**
 * The long tail: 20,000 Italian-looking made-up words after the real ones, so that rare terms
 * exist (a real forum's vocabulary is far larger than any hand-written list).
 */
const SYLLABLES =
  'ba be bi bo ca ce ci co da de di do fa fe fi la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo'.split(
    ' ',
  );
const TAIL = Array.from({ length: 20_000 }, (_, i) => {
  let word = '';
  for (let n = i + 3_000; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return `${word}ne`;
});
const WORDS = [...VOCABULARY, ...TAIL];

/** Rank r is drawn with probability ∝ 1/r (log-uniform), like word frequencies in real text. */
export function zipfWord(rnd: Random): string {
  const rank = Math.floor(Math.exp(rnd() * Math.log(WORDS.length + 1))) - 1;
  return WORDS[Math.min(rank, WORDS.length - 1)] as string;
}

function words(rnd: Random, count: number): string[] {
  return Array.from({ length: count }, () =>
    rnd() < 0.35 ? (STOP[int(rnd, 0, STOP.length - 1)] as string) : zipfWord(rnd),
  );
}

interface Piece {
  md: string;
  html: string;
  text: string;
}

function sentence(rnd: Random, count: number): Piece {
  const list = words(rnd, count);
  const text = list.join(' ');
  const md = [...list];
  const html = [...list];
  const decorate = (i: number, m: (w: string) => string, h: (w: string) => string) => {
    md[i] = m(list[i] as string);
    html[i] = h(list[i] as string);
  };
  if (count > 6 && rnd() < 0.3)
    decorate(
      int(rnd, 1, count - 1),
      (w) => `**${w}**`,
      (w) => `<strong>${w}</strong>`,
    );
  if (count > 6 && rnd() < 0.15)
    decorate(
      int(rnd, 1, count - 1),
      (w) => `_${w}_`,
      (w) => `<em>${w}</em>`,
    );
  if (count > 8 && rnd() < 0.1) {
    const url = `https://www.comune-${int(rnd, 1, 400)}.example.it/${list[0]}`;
    decorate(
      count - 1,
      (w) => `[${w}](${url})`,
      (w) => `<a href="${url}" rel="nofollow ugc noopener">${w}</a>`,
    );
  }
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { md: `${cap(md.join(' '))}.`, html: `${cap(html.join(' '))}.`, text };
}

function paragraph(rnd: Random, count: number): Piece {
  const parts: Piece[] = [];
  for (let left = count; left > 0; ) {
    const n = Math.min(left, int(rnd, 6, 18));
    parts.push(sentence(rnd, n));
    left -= n;
  }
  const kind = rnd();
  if (count > 20 && kind < 0.12) {
    return {
      md: parts.map((p) => `- ${p.md}`).join('\n'),
      html: `<ul>\n${parts.map((p) => `<li>${p.html}</li>`).join('\n')}\n</ul>`,
      text: parts.map((p) => p.text).join(' '),
    };
  }
  const md = parts.map((p) => p.md).join(' ');
  const html = parts.map((p) => p.html).join(' ');
  const text = parts.map((p) => p.text).join(' ');
  if (count > 20 && kind < 0.2) return { md: `> ${md}`, html: `<blockquote>\n<p>${html}</p>\n</blockquote>`, text };
  return { md, html: `<p>${html}</p>`, text };
}

/** A post body: 45% short (a line), 40% medium (1–3 paragraphs), 15% long (4–8 paragraphs). */
export function postBody(rnd: Random): Piece {
  const kind = rnd();
  if (kind < 0.45) {
    const opener = OPENERS[int(rnd, 0, OPENERS.length - 1)] as string;
    const p = sentence(rnd, int(rnd, 4, 22));
    return { md: `${opener}! ${p.md}`, html: `<p>${opener}! ${p.html}</p>`, text: `${opener} ${p.text}` };
  }
  const [count, size] = kind < 0.85 ? [int(rnd, 1, 3), [15, 50]] : [int(rnd, 4, 8), [30, 90]];
  const parts = Array.from({ length: count }, () => paragraph(rnd, int(rnd, size[0] as number, size[1] as number)));
  return {
    md: parts.map((p) => p.md).join('\n\n'),
    html: parts.map((p) => p.html).join('\n'),
    text: parts.map((p) => p.text).join(' '),
  };
}

/**
 * Search terms by the share of posts that contain them: the most common word, then about
 * 10%, 1% and 0.1% of posts, and two words together.
 */
export function searchTerms(texts: string[]): string[] {
  const stop = new Set(STOP);
  const df = new Map<string, number>();
  for (const text of texts)
    for (const word of new Set(text.split(' '))) if (!stop.has(word)) df.set(word, (df.get(word) ?? 0) + 1);
  const byShare = [...df].map(([word, n]) => ({ word, share: n / texts.length })).sort((a, b) => b.share - a.share);
  const near = (share: number) =>
    byShare.reduce((best, w) => (Math.abs(w.share - share) < Math.abs(best.share - share) ? w : best)).word;
  const [top, common, medium, rare] = [byShare[0]?.word ?? 'comune', near(0.1), near(0.01), near(0.001)];
  return [top, common, medium, rare, `${common} ${medium}`];
}

export function threadTitle(rnd: Random, n: number): string {
  const [a, b, c] = [zipfWord(rnd), zipfWord(rnd), zipfWord(rnd)];
  return `${a.charAt(0).toUpperCase()}${a.slice(1)} e ${b}: ${c} (${n})`;
}
