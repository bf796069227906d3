import { setFlagsFromString } from 'node:v8';

/**
 * Taskdeck's host is a background service on a person's desktop, so V8 is told to favour
 * memory over speed (`--optimize-for-size`): its heap then grows in small steps and gives
 * memory back as soon as a burst of work ends. Loading or importing 10,000 tasks otherwise
 * leaves the host at 170-200 MB of RSS until V8's memory reducer notices it is idle, 25-35 s
 * later; with it, the host is back near 100 MB within two seconds. Set at run time because
 * neither host owns the command line that starts its V8 (npm's bin shim, Electron).
 */
export function favorMemory(): void {
  setFlagsFromString('--optimize-for-size');
}
