import type { Logger } from 'pino';
import { parseYesNo } from '../../dialogs/answers.js';
import { formatNearInstant } from '../../dialogs/dates.js';
import type { Dialogs, Messages } from '../../dialogs/messages.js';
import { toSpeech } from '../../dialogs/speech.js';
import type { Clock, Language } from '../../domain.js';
import type { ConversationEngine, TicketCard, Turn, TurnResult } from '../../engine/turn.js';
import type { PhoneLinePolicy, PhoneMenuOption, Policy } from '../../policy/schema.js';
import type { CallPhase, CallState, Prompt } from './call-state.js';
import { isReachableMobileNumber, toE164 } from './phone-number.js';
import type { SmsSender } from './sms.js';
import { replyForTheEar, ticketSms } from './speech-text.js';
import { keypadSentence, menuSentence, spellTicketNumber } from './spell.js';
import type { GatherRoute, Instruction, Spoken } from './twiml.js';

/** What the caller did at a <Gather>: nothing, keys, or words with the recognizer's confidence. */
export type CallerInput =
  | { kind: 'none' }
  | { kind: 'keys'; digits: string }
  | { kind: 'speech'; text: string; confidence: number };

/** The call's next state and what Twilio should do now. */
export interface Outcome {
  state: CallState;
  instructions: Instruction[];
}

export interface CallFlowDeps {
  engine: ConversationEngine;
  policy: Policy;
  /** Tells which deadlines fall today. */
  clock: Clock;
  phoneLine: PhoneLinePolicy;
  logger: Logger;
  /** Null when SMS is not configured. */
  sms: SmsSender | null;
  /** What the caller hears, as loaded from dialogs/. */
  dialogs: Dialogs;
}

/**
 * The phone line's call flow: the menu of the trigger matrix ("Appel au 04 84 26 83 10, Choix N°2",
 * 004), then the intake conversation of the engine rendered for the ear. It only translates: keys
 * and words become Turns, replies become instructions; the dialog, the rules and the wording of the
 * intake belong to the engine.
 *
 * A call is held in one language at a time (CallState.language): French from the menu, English
 * once the caller presses the English key or the engine, reading the caller's words, answers in
 * English. Its voice, speech recognition, the channel's own sentences and the SMS follow it.
 */
export class CallFlow {
  private readonly fallbackPhone: string;

  constructor(private readonly deps: CallFlowDeps) {
    // Fail at start-up, not mid-call, when a number of the policy cannot be dialled.
    this.fallbackPhone = toE164(deps.phoneLine.fallbackPhone ?? deps.policy.company.helpdeskPhone);
    for (const option of deps.phoneLine.menu) if (option.phone !== undefined) toE164(option.phone);
    toE164(onCallPhone(deps.policy, true));
    toE164(onCallPhone(deps.policy, false));
  }

  /** The channel's sentences in the call's language. */
  private m(state: Pick<CallState, 'language'>): Messages {
    return this.deps.dialogs.messages(state.language);
  }

  /** A call rang: the welcome and the menu. */
  incoming(state: CallState): Outcome {
    return this.menuPrompt(state, [this.deps.phoneLine.welcome]);
  }

  /** The caller pressed a key of the menu, or nothing. */
  async menu(state: CallState, digits: string | null, messageId: string): Promise<Outcome> {
    const option = digits === null ? undefined : this.deps.phoneLine.menu.find((o) => o.digit === digits);
    if (option === undefined) {
      const menuMisses = state.menuMisses + 1;
      // "No input or a wrong key: say it again once, then transfer to the helpdesk number."
      if (menuMisses <= 1) {
        const { phone } = this.m(state);
        const preface = digits ? phone.wrongKey() : phone.menuNotHeard();
        return this.menuPrompt({ ...state, menuMisses }, [preface]);
      }
      return this.transfer({ ...state, menuMisses }, this.fallbackPhone, [this.m(state).phone.toAdvisor()]);
    }
    if (option.language !== undefined) state = { ...state, language: option.language };
    if (option.action === 'transfer') return this.transferTo(state, option);
    const begin = this.turnBase(state, messageId);
    // The caller chose the language with the key: the engine holds the conversation in it.
    if (option.language !== undefined) begin.language = option.language;
    const result = await this.deps.engine.begin(begin);
    return this.afterEngine({ ...state, phase: 'intake', intakeOpen: true }, result);
  }

  /** The caller answered (or did not) a question of the intake, a read-back or the transfer offer. */
  async gather(state: CallState, input: CallerInput, messageId: string): Promise<Outcome> {
    if (input.kind !== 'none') state = { ...state, silences: 0 };
    switch (state.phase) {
      case 'intake':
        return this.intakeAnswer(state, input, messageId);
      case 'confirm_speech':
        return this.speechConfirmation(state, input, messageId);
      case 'offer_transfer':
        return this.transferOffer(state, input);
      case 'another_request':
        return this.anotherRequest(state, input);
      case 'menu':
        return this.menu(state, input.kind === 'keys' ? input.digits : null, messageId);
      case 'transferred':
      case 'ended':
        return { state, instructions: [{ kind: 'hangup' }] };
    }
  }

  /**
   * The call ended (status callback). A caller who hung up mid-intake leaves a draft ticket that
   * technicians can see, not a lost report; done once per call.
   */
  async callEnded(state: CallState): Promise<CallState> {
    if (!state.intakeOpen) return { ...state, phase: 'ended' };
    const draft = await this.deps.engine.abandon('phone', state.callSid);
    return { ...state, phase: 'ended', intakeOpen: false, draftNumber: draft?.number ?? null };
  }

  /** Something failed on our side: a person takes the call rather than the caller hearing an error. */
  failure(state: CallState): Outcome {
    return this.transfer(state, this.fallbackPhone, [this.m(state).phone.technicalProblem()]);
  }

  private async intakeAnswer(state: CallState, input: CallerInput, messageId: string): Promise<Outcome> {
    switch (input.kind) {
      case 'none':
        // The ticket is open and read out: silence now means the caller has what they need.
        if (state.ticketNumber !== null) return this.goodbye(state, []);
        return this.silence(state, () => this.ask(state, state.prompt, { before: [this.m(state).phone.notHeard()] }));
      case 'keys': {
        const choices = this.actionableChoices(state, state.prompt);
        if (choices.length === 0) return this.send(state, { text: input.digits }, messageId);
        const choice = choices.find((c) => c.digit === input.digits);
        if (choice === undefined) {
          return this.ask(state, state.prompt, { before: [this.m(state).phone.wrongKey()] });
        }
        return this.send(state, { text: '', choice: choice.value }, messageId);
      }
      case 'speech':
        if (input.confidence < this.deps.phoneLine.lowConfidence) {
          // Low-confidence speech is read back before it reaches the engine: a wrong word here
          // would become a wrong ticket.
          return this.readBack({ ...state, pendingSpeech: { text: input.text, confidence: input.confidence } });
        }
        return this.send(state, { text: input.text, speechConfidence: input.confidence }, messageId);
    }
  }

  private async speechConfirmation(state: CallState, input: CallerInput, messageId: string): Promise<Outcome> {
    const pending = state.pendingSpeech;
    const back: CallState = { ...state, phase: 'intake', pendingSpeech: null };
    if (pending === null) return this.ask(back, state.prompt);
    switch (input.kind) {
      case 'none':
        return this.silence(state, () => this.readBack(state));
      case 'speech':
        // The caller said it again instead of pressing a key: hear it as a new answer.
        return this.intakeAnswer(back, input, messageId);
      case 'keys':
        if (input.digits === '1') {
          // Confirmed by the caller: the words are now certain.
          return this.send(back, { text: pending.text, speechConfidence: 1 }, messageId);
        }
        if (input.digits === '2') return this.ask(back, state.prompt, { before: [this.m(state).phone.listening()] });
        return this.readBack(state, [this.m(state).phone.wrongKey()]);
    }
  }

  private transferOffer(state: CallState, input: CallerInput): Outcome {
    const accepted =
      (input.kind === 'keys' && input.digits === '1') ||
      (input.kind === 'speech' && parseYesNo(input.text, this.deps.dialogs.answers) === true);
    if (accepted && state.onCallPhone !== null) {
      return this.transfer({ ...state, phase: 'transferred' }, state.onCallPhone, [this.m(state).phone.toOnCall()]);
    }
    return this.goodbye(state, []);
  }

  private async send(
    state: CallState,
    answer: Pick<Turn, 'text'> & Partial<Pick<Turn, 'choice' | 'speechConfidence'>>,
    messageId: string,
  ): Promise<Outcome> {
    const last = state.prompt.at(-1);
    const turn: Turn = { ...this.turnBase(state, messageId), ...answer };
    // A confirmation asked without choices: the keys stand for the words "oui" and "non".
    if (last?.expects === 'confirm' && last.choices.length === 0 && answer.choice !== undefined) {
      turn.text = answer.choice;
    }
    const result = await this.deps.engine.handleTurn(turn);
    return this.afterEngine({ ...state, phase: 'intake', pendingSpeech: null }, result);
  }

  private afterEngine(state: CallState, result: TurnResult): Outcome {
    // The engine reads the caller's words (dialogs/language.ts): when it answers in another
    // language, the call follows from this prompt on, voice and speech recognition included.
    const answered = result.replies.at(-1)?.language;
    if (answered !== undefined && answered !== state.language) state = { ...state, language: answered };
    const m = this.m(state);
    const prompt = result.replies.map((r) => replyForTheEar(r, m));
    const heard = prompt.map((p) => p.speech).filter((s) => s.trim() !== '');
    const transfer = result.effects.find((e) => e.type === 'transfer_call');
    if (transfer !== undefined) return this.transfer(state, toE164(transfer.phone), heard);

    const opened = result.effects.some((e) => e.type === 'ticket_opened');
    const card = result.ticket ?? result.replies.find((r) => r.card !== undefined)?.card;
    const ended =
      result.effects.some((e) => e.type === 'conversation_ended') || (prompt.at(-1)?.expects ?? 'none') === 'none';

    if (opened && card !== undefined) {
      state = this.ticketOpened(state, card);
      // The engine's announcement is written to be read; the caller hears the short one instead.
      const before = result.replies
        .filter((r) => r.card === undefined)
        .map((r) => replyForTheEar(r, m).speech)
        .filter((s) => s.trim() !== '');
      const announced = [...before, ...this.spokenAnnouncement(state, card)];
      if (card.priority === 'critique') return this.offerTransfer(state, card, announced);
      if (ended) return this.goodbye(state, announced);
      return this.offerAnother(state, announced);
    }
    const noted = result.effects.find((e) => e.type === 'ticket_noted');
    if (noted !== undefined) {
      // The caller's words went to the open ticket of the same problem: like after a new ticket,
      // a closed question on the keypad, so repeating the problem opens nothing.
      return this.offerAnother({ ...state, ticketNumber: noted.ticketNumber, intakeOpen: false }, heard);
    }
    if (ended) return this.goodbye({ ...state, intakeOpen: false }, heard);
    return this.ask(state, prompt);
  }

  private ticketOpened(state: CallState, card: TicketCard): CallState {
    const next: CallState = { ...state, ticketNumber: card.number, intakeOpen: false };
    const { sms, logger, policy } = this.deps;
    if (sms !== null && !state.smsSent && isReachableMobileNumber(state.caller)) {
      const to = state.caller;
      // Not awaited: the caller should not wait on the SMS API to hear their ticket number.
      sms.send(to, ticketSms(policy.company.name, card, this.m(state))).catch((error: unknown) => {
        logger.warn({ err: error, ticket: card.number }, 'the SMS with the ticket number could not be sent');
      });
      next.smsSent = true;
    }
    return next;
  }

  /**
   * What a caller hears of a new ticket, kept short enough to listen to once: the number twice, the
   * priority and the first-response deadline, and that the details (resolution, escalation path)
   * come by SMS when one is sent. A critique ticket's offer of the on-call technician (trigger
   * matrix, 004) comes right after the number, before the deadline.
   */
  private spokenAnnouncement(state: CallState, card: TicketCard): string[] {
    const { phone } = this.m(state);
    const spelled = spellTicketNumber(card.number, phone);
    const sentences = [phone.ticketNumber(spelled), phone.repeatNumber(spelled)];
    if (card.priority === 'critique') {
      const whom = card.contract ? phone.onCallTechnician() : phone.noContractLine();
      sentences.push(phone.offerOnCall(whom));
    }
    const label = card.priorityLabel.toLowerCase();
    const due = card.firstResponseDue === null ? null : this.deadlineForTheEar(card.firstResponseDue, state.language);
    sentences.push(due === null ? phone.priorityNoSla(label) : phone.priorityAndResponse(label, due));
    if (state.smsSent) sentences.push(phone.detailsBySms());
    return sentences;
  }

  /**
   * A deadline said with no words the caller does not need: its time alone today ("11 heures",
   * "11 AM"), its weekday and time this week ("lundi à 9 heures", "Monday at 9 AM"), in full
   * otherwise; in the call's language, as the voice says it.
   */
  private deadlineForTheEar(due: string, language: Language): string {
    const { timezone } = this.deps.policy.calendar;
    const near = formatNearInstant(due, language, timezone, this.deps.clock.now());
    const text = near.nearness === 'today' ? this.m({ language }).phone.todayAt(near.text) : near.text;
    return toSpeech(text, language);
  }

  /**
   * Trigger matrix (004), "Critique": with a contract, the DSI's on-call mobile; without, the
   * no-contract line. Offered once the ticket exists, so the technician has its number; the whole
   * announcement is read inside the <Gather>, so 1 pressed while it is read puts the call through.
   */
  private offerTransfer(state: CallState, card: TicketCard, announced: string[]): Outcome {
    const onCall = toE164(onCallPhone(this.deps.policy, card.contract));
    return this.oneKey({ ...state, onCallPhone: onCall }, 'offer_transfer', 'keypad+speech', announced);
  }

  /**
   * After the ticket, a closed question on the keypad: words said now (the caller repeating their
   * problem) never open a second ticket.
   */
  private offerAnother(state: CallState, heard: string[]): Outcome {
    return this.oneKey(state, 'another_request', 'keypad', [...heard, this.m(state).phone.anotherRequest()]);
  }

  /** 1: a new request, taken like the first; anything else ends the call politely. */
  private anotherRequest(state: CallState, input: CallerInput): Outcome {
    if (input.kind === 'keys' && input.digits === '1') {
      const open: Prompt = { speech: this.m(state).phone.newRequest(), choices: [], expects: 'text' };
      return this.ask({ ...state, intakeOpen: true }, [open]);
    }
    return this.goodbye(state, []);
  }

  private readBack(state: CallState, preface: string[] = []): Outcome {
    const { phone } = this.m(state);
    const sentences = [...preface, phone.readBack(state.pendingSpeech?.text ?? ''), phone.readBackKeys()];
    return this.oneKey(state, 'confirm_speech', 'keypad+speech', sentences);
  }

  /**
   * A question answered by one key (or, with speech, a few words), read in the call's language
   * while it listens; `phase` hears the answer at the next step.
   */
  private oneKey(
    state: CallState,
    phase: CallPhase,
    input: 'keypad' | 'keypad+speech',
    sentences: (string | Spoken)[],
    route: GatherRoute = 'gather',
  ): Outcome {
    const step = state.step + 1;
    const { language } = state;
    return {
      state: { ...state, step, phase },
      instructions: [{ kind: 'gather', route, step, input, numDigits: 1, language, sentences }],
    };
  }

  /** Asks the engine's question (again), listening for keys and words while it is read. */
  private ask(state: CallState, prompt: Prompt[], around: { before?: string[]; after?: string[] } = {}): Outcome {
    const step = state.step + 1;
    const choices = this.actionableChoices(state, prompt);
    const spoken = prompt.map((p) => p.speech).filter((s) => s.trim() !== '');
    const gather: Instruction = {
      kind: 'gather',
      route: 'gather',
      step,
      input: 'keypad+speech',
      language: state.language,
      sentences: [
        ...(around.before ?? []),
        ...spoken,
        ...(around.after ?? []),
        ...choices.map((c) => keypadSentence(c, this.m(state).phone)),
      ],
    };
    if (choices.length > 0) gather.numDigits = 1;
    return { state: { ...state, step, phase: 'intake', prompt }, instructions: [gather] };
  }

  /** Silence: asked again up to `maxSilences` times, then a person takes the call. */
  private silence(state: CallState, again: () => Outcome): Outcome {
    const silences = state.silences + 1;
    if (silences > this.deps.phoneLine.maxSilences) {
      return this.transfer({ ...state, silences }, this.fallbackPhone, [this.m(state).phone.toAdvisor()]);
    }
    const outcome = again();
    return { ...outcome, state: { ...outcome.state, silences } };
  }

  /** The welcome and the menu: each option said in its own language ("For English, press 9."). */
  private menuPrompt(state: CallState, preface: string[]): Outcome {
    const sentences: (string | Spoken)[] = [
      ...preface,
      ...this.deps.phoneLine.menu.map((o): Spoken => {
        const language = o.language ?? 'fr';
        const label = { digit: o.digit, label: optionLabel(o) };
        return { text: menuSentence(label, this.m({ language }).phone, language), language };
      }),
    ];
    return this.oneKey(state, 'menu', 'keypad', sentences, 'menu');
  }

  private transferTo(state: CallState, option: PhoneMenuOption): Outcome {
    const phone = toE164(option.phone ?? this.deps.policy.company.helpdeskPhone);
    const language = option.language ?? 'fr';
    return this.transfer({ ...state, language }, phone, [this.m({ language }).phone.transferTo(optionLabel(option))]);
  }

  private transfer(state: CallState, phone: string, heard: string[]): Outcome {
    const said = heard.map((text) => say(text, state.language));
    return { state: { ...state, phase: 'transferred' }, instructions: [...said, { kind: 'dial', phone }] };
  }

  private goodbye(state: CallState, heard: string[]): Outcome {
    const said = [...heard, this.m(state).phone.goodbye()].map((text) => say(text, state.language));
    return { state: { ...state, phase: 'ended' }, instructions: [...said, { kind: 'hangup' }] };
  }

  /** The keys the caller can press now: the choices of the last reply (a confirmation gets 1 and 2). */
  private actionableChoices(state: CallState, prompt: Prompt[]): Prompt['choices'] {
    const last = prompt.at(-1);
    if (last === undefined) return [];
    if (last.choices.length > 0) return last.choices;
    // Keys that answer a confirmation the engine asked without offering choices.
    const { yes, no } = this.m(state).phone;
    return last.expects === 'confirm'
      ? [
          { digit: '1', label: yes, value: yes },
          { digit: '2', label: no, value: no },
        ]
      : [];
  }

  private turnBase(state: CallState, messageId: string): Omit<Turn, 'text'> {
    const turn: Omit<Turn, 'text'> = { channel: 'phone', conversationId: state.callSid, messageId };
    if (state.caller !== null) turn.userId = state.caller;
    return turn;
  }
}

function say(text: string, language: Language): Instruction {
  return { kind: 'say', text, language };
}

/** The label of a menu option in the language it is said in (the policy schema checks it is there). */
function optionLabel(option: PhoneMenuOption): string {
  return option.label[option.language ?? 'fr'] ?? '';
}

/** The critique row of the trigger matrix: who a caller reaches when production is stopped. */
function onCallPhone(policy: Policy, contract: boolean): string {
  const method = contract ? policy.triggerMatrix.withContract.critique : policy.triggerMatrix.withoutContract.critique;
  return method.phone ?? policy.company.helpdeskPhone;
}
