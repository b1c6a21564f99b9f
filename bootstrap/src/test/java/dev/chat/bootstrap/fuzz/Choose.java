package dev.chat.bootstrap.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.Tuple.Tuple2;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks one of several arbitraries by weight, like jqwik's {@code frequencyOf} and {@code oneOf}.
 * Those look up the chosen arbitrary's generator for every value drawn, hashing the arbitrary and
 * all its choices each time, which made generation cost more than the server's work; this builds
 * every generator once.
 */
final class Choose {
    private Choose() {
    }

    @SafeVarargs
    static <T> Arbitrary<T> weighted(Tuple2<Integer, Arbitrary<? extends T>>... choices) {
        List<Tuple2<Integer, Arbitrary<? extends T>>> list = List.of(choices);
        int total = list.stream().mapToInt(Tuple2::get1).sum();
        return Arbitraries.fromGeneratorWithSize(genSize -> {
            int[] upTo = new int[list.size()];
            @SuppressWarnings("unchecked")
            RandomGenerator<? extends T>[] generators = new RandomGenerator[list.size()];
            int sum = 0;
            for (int i = 0; i < list.size(); i++) {
                sum += list.get(i).get1();
                upTo[i] = sum;
                generators[i] = list.get(i).get2().generator(genSize);
            }
            return random -> {
                int pick = random.nextInt(total);
                int i = 0;
                while (pick >= upTo[i]) {
                    i++;
                }
                @SuppressWarnings("unchecked")
                Shrinkable<T> value = (Shrinkable<T>) generators[i].next(random);
                return value;
            };
        });
    }

    /**
     * Lists of {@code min} to {@code max} elements. jqwik's own lists compute each element's value
     * twice or more (once to check uniqueness, again to build the list) and keep what shrinking
     * needs; the fuzz tests never shrink, and at 100,000 inputs that doubled the generation.
     */
    static <T> Arbitrary<List<T>> lists(Arbitrary<T> element, int min, int max) {
        return Arbitraries.fromGeneratorWithSize(genSize -> {
            RandomGenerator<T> elements = element.generator(genSize);
            return random -> {
                int size = min + random.nextInt(max - min + 1);
                List<T> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(elements.next(random).value());
                }
                return Shrinkable.unshrinkable(list);
            };
        });
    }

    /** Random bytes, evenly drawn (jqwik draws each byte through a BigInteger). */
    static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.fromGenerator(random -> {
            byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
            random.nextBytes(bytes);
            return Shrinkable.unshrinkable(bytes);
        });
    }

    /** One of them, each as likely. */
    @SafeVarargs
    static <T> Arbitrary<T> anyOf(Arbitrary<? extends T>... choices) {
        @SuppressWarnings("unchecked")
        Tuple2<Integer, Arbitrary<? extends T>>[] equal = new Tuple2[choices.length];
        for (int i = 0; i < choices.length; i++) {
            equal[i] = net.jqwik.api.Tuple.of(1, choices[i]);
        }
        return weighted(equal);
    }
}
