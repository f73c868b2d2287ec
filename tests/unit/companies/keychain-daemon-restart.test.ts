/**
 * GNOME Keyring aborts when Secret Service sessions open and close at the same moment (upstream bug: a
 * NULL client in gkd_secret_service_get_pkcs11_session). Measured here: four processes each reading and
 * writing in turn crashed gnome-keyring-daemon 42.1 in about one run of three; D-Bus started it again, and
 * the calls in flight failed with "Message recipient disconnected…". The library opens a session per call,
 * so the app (a) asks one question at a time per thread, and (b) on Linux asks a call that failed that way
 * again, a few times over about two seconds. The library is replaced here: a real daemon crashes when it
 * likes, not on demand.
 */
import { describe, expect, it, vi } from 'vitest';
import { useKeychainOn } from '../../helpers/keychain-on';

const DISCONNECTED = 'Platform failure: DBus error: Message recipient disconnected from message bus without replying';

const library = vi.hoisted(() => ({
  calls: 0,
  inFlight: 0,
  mostInFlight: 0,
  /** Which calls (counted from 1, the availability probe included) fail, and with what. */
  failures: new Map<number, string>(),
}));
vi.mock('@napi-rs/keyring', () => ({
  AsyncEntry: class {
    private async answer<T>(value: T): Promise<T> {
      library.calls += 1;
      const failure = library.failures.get(library.calls);
      library.inFlight += 1;
      library.mostInFlight = Math.max(library.mostInFlight, library.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      library.inFlight -= 1;
      if (failure !== undefined) throw new Error(failure);
      return value;
    }
    getPassword(): Promise<string | null> {
      return this.answer('pit-secret-0123456789');
    }
    setPassword(): Promise<void> {
      return this.answer(undefined);
    }
    deletePassword(): Promise<boolean> {
      return this.answer(true);
    }
  },
}));

describe('a keychain daemon that crashes and is started again', () => {
  const keychainOn = useKeychainOn('rlm-test-restart', () => {
    Object.assign(library, { calls: 0, inFlight: 0, mostInFlight: 0 });
    library.failures.clear();
  });

  it('linux: a read cut off by the daemon going away is asked again, and answers', async () => {
    const keychain = await keychainOn('linux');
    library.failures.set(2, DISCONNECTED).set(3, 'Platform failure: DBus error: The session does not exist');
    await expect(keychain.get('company-1')).resolves.toBe('pit-secret-0123456789');
    expect(library.calls).toBe(4);
  });

  it('linux: the daemon started again but not yet unlocked (AccessDenied) is waited for', async () => {
    const keychain = await keychainOn('linux');
    library.failures.set(2, "Couldn't access platform storage: AccessDenied");
    await expect(keychain.set('company-1', 'pit-secret-0123456789')).resolves.toBeUndefined();
  });

  it('linux: a daemon that stays gone is said after a few tries, not waited on for ever', async () => {
    const keychain = await keychainOn('linux');
    for (let call = 2; call <= 10; call += 1) library.failures.set(call, DISCONNECTED);
    await expect(keychain.get('company-1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(library.calls).toBeLessThanOrEqual(5);
  });

  it('macOS: a refusal is not asked again (it may be the user saying no to a prompt)', async () => {
    const keychain = await keychainOn('darwin');
    library.failures.set(2, 'User canceled the operation');
    await expect(keychain.get('company-1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(library.calls).toBe(2);
  });

  it('asks one question at a time: five companies listed at once never open five sessions together', async () => {
    const keychain = await keychainOn('linux');
    const keys = await Promise.all([1, 2, 3, 4, 5].map((id) => keychain.get(`company-${id}`)));
    expect(keys).toHaveLength(5);
    expect(library.mostInFlight).toBe(1);
  });

  it('a question that failed does not stop the ones queued behind it', async () => {
    const keychain = await keychainOn('darwin');
    library.failures.set(2, 'User canceled the operation');
    const [first, second] = await Promise.allSettled([keychain.get('company-1'), keychain.get('company-2')]);
    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: 'pit-secret-0123456789' });
  });
});
