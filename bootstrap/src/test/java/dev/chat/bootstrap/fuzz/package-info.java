/**
 * Fuzz tests (issue 14): jqwik properties that throw random and mutated inputs at a running server
 * over real sockets, 100,000 per interface, and hold every answer to the documentation.
 * <ul>
 *   <li>{@link dev.chat.bootstrap.fuzz.WebSocketFuzzTest}: frames of docs/protocol.md, valid, mutated,
 *   random, not UTF-8, around the size limit; error codes and close codes as documented.</li>
 *   <li>{@link dev.chat.bootstrap.fuzz.RestFuzzTest}: requests made from the served OpenAPI document,
 *   with mutated bodies, headers, paths, queries and methods; documented statuses and problem codes,
 *   never a 5xx.</li>
 *   <li>{@link dev.chat.bootstrap.fuzz.UdpFuzzTest}: presence datagrams of docs/presence-datagram.md,
 *   random and mutated; each dropped for its documented reason, nobody forged online.</li>
 * </ul>
 * In each, two bystanders keep chatting, and the server must hold exactly what the accepted inputs
 * made. Run them with
 * {@code mvn -o -B test -pl bootstrap -am -Dtest='*Fuzz*' -Dsurefire.failIfNoSpecifiedTests=false};
 * each prints one line, {@code FUZZ <interface> ...}, with its counts (in
 * bootstrap/target/surefire-reports/*-output.txt). The seed is fixed ({@code SEED} in each class):
 * change it to explore other inputs; a failure lists the first inputs of each kind of violation.
 */
package dev.chat.bootstrap.fuzz;
