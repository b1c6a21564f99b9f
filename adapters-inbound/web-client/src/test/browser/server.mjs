// Starts the packaged server (bootstrap's fat jar) on the embedded default, on free loopback ports,
// in a fresh data folder; restarts it on the same folder and ports; stops it by its PID.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../../../..');
const logs = join(root, 'adapters-inbound/web-client/target/browser-tests');
export const jar = process.env.CHAT_JAR || join(root, 'bootstrap/target/chat-bootstrap-0.1.0-SNAPSHOT-all.jar');

export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function freeUdpPort() {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}

export class ChatServer {
  /** `properties`: extra -D system properties (the tests' shorter presence timings, CORS, OIDC). */
  static async start(name, properties = {}) {
    if (!existsSync(jar)) {
      throw new Error(`the server's jar ${jar} is missing: build it first (mvn -DskipTests package, or scripts/test)`);
    }
    const server = new ChatServer(name, {
      'chat.data-dir': mkdtempSync(join(tmpdir(), `chat-browser-${name}-`)),
      'micronaut.server.host': '127.0.0.1',
      'micronaut.server.port': await freePort(),
      'chat.gateway.host': '127.0.0.1',
      'chat.gateway.port': await freePort(),
      'chat.presence.udp.port': await freeUdpPort(),
      'chat.auth.bcrypt-cost': 4,
      'chat.gateway.reconnect-spread': '1s',
      'chat.limits.sign-up-per-address': 'off',
      'chat.limits.log-in-per-address': 'off',
      'chat.limits.rest-per-user': 'off',
      'chat.limits.send-per-user': 'off',
      'chat.limits.send-per-chat': 'off',
      ...properties,
    });
    await server.launch();
    return server;
  }

  constructor(name, properties) {
    this.name = name;
    this.properties = properties;
    mkdirSync(logs, { recursive: true });
    this.log = join(logs, `${name}.log`);
  }

  get url() {
    return `http://127.0.0.1:${this.properties['micronaut.server.port']}`;
  }

  async launch() {
    const args = ['-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
      ...Object.entries(this.properties).map(([k, v]) => `-D${k}=${v}`), '-jar', jar];
    const out = openSync(this.log, 'a');
    const env = { ...process.env };
    delete env.MICRONAUT_ENVIRONMENTS;
    this.process = spawn('java', args, { stdio: ['ignore', out, out], env });
    this.exited = new Promise((done) => this.process.on('exit', (code) => done(code)));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`${this.name} exited while starting:\n${this.logTail()}`);
      try {
        const response = await fetch(`${this.url}/health/readiness`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`${this.name} did not become ready in 120 s:\n${this.logTail()}`);
  }

  /** Stops it as an operator would (SIGTERM: its gateway tells clients to reconnect) and starts it again. */
  async restart() {
    await this.stop();
    await this.launch();
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    this.process.kill('SIGTERM');
    const stopped = await Promise.race([this.exited, new Promise((done) => setTimeout(() => done('timeout'), 30_000))]);
    if (stopped === 'timeout') {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }

  async destroy() {
    await this.stop();
    rmSync(this.properties['chat.data-dir'], { recursive: true, force: true });
  }

  logTail() {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** REST as a test's helper (sign-up, log-in, sends to fill a chat's history). */
  async api(method, path, body, token) {
    const response = await fetch(this.url + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
}
