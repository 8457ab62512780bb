package io.chaoscast.jobs.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap: one byte more and the body is cancelled (the
 * connection with it) and the read fails with {@link TooLarge}, so a broken or hostile server
 * cannot fill the TaskManager's heap. A declared {@code Content-Length} over the cap fails before
 * anything is read.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body exceeded the cap. */
  static final class TooLarge extends IOException {
    TooLarge(long cap) {
      super("the answer is larger than remote_inference.max_response_bytes = " + cap);
    }
  }

  /** A handler giving every response a fresh {@link BoundedBody} of at most {@code cap} bytes. */
  static HttpResponse.BodyHandler<byte[]> handler(long cap) {
    return info -> {
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      BoundedBody body = new BoundedBody(cap);
      if (declared > cap) body.result.completeExceptionally(new TooLarge(cap));
      return body;
    };
  }

  private final long cap;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(long cap) {
    this.cap = cap;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (result.isDone()) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) return;
    for (ByteBuffer b : buffers) {
      if (bytes.size() + (long) b.remaining() > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(cap));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
