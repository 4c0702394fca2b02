import { ErrorCode, GuichetError } from '../../errors.js';

/**
 * The E.164 form of a number written as the policy writes it ("04 84 26 83 10", "0899 198 643") or
 * already in E.164 ("+33484268310"). French national numbers (a 0 then 9 digits) become +33…; the
 * display format stays in the policy for what callers hear, <Dial> needs E.164.
 */
export function toE164(phone: string): string {
  const compact = phone.replace(/[\s.\-()]/g, '');
  let e164: string;
  if (compact.startsWith('+')) e164 = compact;
  else if (compact.startsWith('00')) e164 = `+${compact.slice(2)}`;
  else if (/^0\d{9}$/.test(compact)) e164 = `+33${compact.slice(1)}`;
  else e164 = compact;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `"${phone}" is not a phone number Twilio can dial: write it as in the policy ("04 84 26 83 10") or in E.164 ("+33484268310").`,
    );
  }
  return e164;
}

/** Whether a caller id can receive an SMS (Twilio sends "anonymous" or short codes for hidden numbers). */
export function isReachableMobileNumber(callerId: string | null | undefined): callerId is string {
  return typeof callerId === 'string' && /^\+[1-9]\d{6,14}$/.test(callerId);
}
