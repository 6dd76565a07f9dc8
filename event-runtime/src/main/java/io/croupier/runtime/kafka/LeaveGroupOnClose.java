package io.croupier.runtime.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.kafka.core.ConsumerPostProcessor;

/**
 * Added to the consumer factory: a consumer closed on purpose leaves its group, static member or not, so that its partitions go to the other
 * instances at once (a scale-down, a deployment). Only a consumer that dies without closing keeps its place until
 * its session expires, which is what lets the same instance, restarted, take its partitions straight back. Kafka's
 * default for static members is to stay; Spring Kafka closes consumers without options, hence this wrapper.
 */
final class LeaveGroupOnClose<K, V> implements ConsumerPostProcessor<K, V> {

    private static final CloseOptions LEAVE = CloseOptions.groupMembershipOperation(
            CloseOptions.GroupMembershipOperation.LEAVE_GROUP);

    @Override
    @SuppressWarnings("unchecked")
    public Consumer<K, V> apply(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] { Consumer.class }, (proxy, method, arguments) -> invoke(consumer, method, arguments));
    }

    private static Object invoke(Consumer<?, ?> consumer, Method method, Object[] arguments)
            throws Throwable {
        if (method.getName().equals("close") && (arguments == null || arguments[0] instanceof Duration)) {
            consumer.close(arguments == null ? LEAVE : LEAVE.withTimeout((Duration) arguments[0]));
            return null;
        }
        try {
            return method.invoke(consumer, arguments);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
