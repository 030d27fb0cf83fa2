import { WORKLOAD_DEFAULTS as D } from './defaults';
import { PropValidator } from '../../core/errors';
import { isPort, isPortName } from '../shared/validate';

/** Timings of a probe. */
export interface HealthProbeOptions {
  /** Seconds after start before the first probe. @default 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes. @default 10 */
  readonly periodSeconds?: number;
  /** Seconds after which a probe times out. @default 1 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures that count as failed. @default 3 */
  readonly failureThreshold?: number;
}

type Handler =
  | { kind: 'httpGet'; path: string; port: number | string; scheme: string }
  | { kind: 'tcpSocket'; port: number | string }
  | { kind: 'grpc'; port: number }
  | { kind: 'exec'; command: string[] };

/**
 * A liveness, readiness or startup probe.
 *
 * ```ts
 * livenessProbe: HealthProbe.httpGet('/healthz', 8080),
 * readinessProbe: HealthProbe.httpGetNamedPort('/ready', 'http'),
 * ```
 */
export class HealthProbe {
  /** HTTP GET on a port number. */
  public static httpGet(path: string, port: number, options: HealthProbeOptions = {}): HealthProbe {
    return new HealthProbe({ kind: 'httpGet', path, port, scheme: 'HTTP' }, options);
  }
  /** HTTP GET on a named container port. */
  public static httpGetNamedPort(path: string, portName: string, options: HealthProbeOptions = {}): HealthProbe {
    return new HealthProbe({ kind: 'httpGet', path, port: portName, scheme: 'HTTP' }, options);
  }
  /** HTTPS GET on a port number (the kubelet does not verify the certificate). */
  public static httpsGet(path: string, port: number, options: HealthProbeOptions = {}): HealthProbe {
    return new HealthProbe({ kind: 'httpGet', path, port, scheme: 'HTTPS' }, options);
  }
  /** TCP connect on a port number. */
  public static tcpSocket(port: number, options: HealthProbeOptions = {}): HealthProbe {
    return new HealthProbe({ kind: 'tcpSocket', port }, options);
  }
  /** gRPC health check on a port number. */
  public static grpc(port: number, options: HealthProbeOptions = {}): HealthProbe {
    return new HealthProbe({ kind: 'grpc', port }, options);
  }
  /** Runs a command in the container; exit code 0 is healthy. */
  public static exec(command: string[], options: HealthProbeOptions = {}): HealthProbe {
    return new HealthProbe({ kind: 'exec', command: [...command] }, options);
  }

  private constructor(private readonly handler: Handler, private readonly options: HealthProbeOptions) {}

  /** @internal Records problems of this probe under `property`. */
  public _validate(v: PropValidator, property: string): void {
    const h = this.handler;
    if (h.kind === 'httpGet') {
      v.require(typeof h.path === 'string' && h.path.startsWith('/'), `${property}.path`, `${JSON.stringify(h.path)} is not an absolute HTTP path.`, 'Use a path such as "/healthz".');
    }
    if (h.kind === 'httpGet' || h.kind === 'tcpSocket' || h.kind === 'grpc') {
      const ok = typeof h.port === 'number' ? isPort(h.port) : isPortName(h.port);
      v.require(ok, `${property}.port`, `${JSON.stringify(h.port)} is not a valid port.`, 'Use a number from 1 to 65535 or a container port name.');
    }
    if (h.kind === 'exec') {
      v.require(Array.isArray(h.command) && h.command.length > 0 && h.command.every((c) => typeof c === 'string'), `${property}.command`, 'is empty.', 'Give the command and its arguments, e.g. ["/bin/check"].');
    }
    for (const k of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const) {
      const n = this.options[k];
      const min = k === 'initialDelaySeconds' ? 0 : 1;
      v.require(n === undefined || (Number.isInteger(n) && n >= min), `${property}.${k}`, `${JSON.stringify(n)} is not a whole number >= ${min}.`, `Use a whole number of ${k === 'failureThreshold' ? 'failures' : 'seconds'}.`);
    }
  }

  /** @internal The named port this probe targets, if any. */
  public get _portName(): string | undefined {
    const h = this.handler;
    return (h.kind === 'httpGet' || h.kind === 'tcpSocket') && typeof h.port === 'string' ? h.port : undefined;
  }

  /** @internal The probe as Kubernetes JSON. */
  public _toJson(): Record<string, any> {
    const h = this.handler;
    const timings = {
      ...(this.options.initialDelaySeconds !== undefined ? { initialDelaySeconds: this.options.initialDelaySeconds } : {}),
      periodSeconds: this.options.periodSeconds ?? D.probePeriodSeconds,
      timeoutSeconds: this.options.timeoutSeconds ?? D.probeTimeoutSeconds,
      failureThreshold: this.options.failureThreshold ?? D.probeFailureThreshold,
    };
    switch (h.kind) {
      case 'httpGet': return { httpGet: { path: h.path, port: h.port, scheme: h.scheme }, ...timings };
      case 'tcpSocket': return { tcpSocket: { port: h.port }, ...timings };
      case 'grpc': return { grpc: { port: h.port }, ...timings };
      case 'exec': return { exec: { command: [...h.command] }, ...timings };
    }
  }
}
