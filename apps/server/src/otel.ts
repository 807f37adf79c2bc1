import type { Config } from './config.ts';

/**
 * Starts OpenTelemetry tracing (HTTP and pg) when OTEL_EXPORTER_OTLP_ENDPOINT is set: a tracer provider with
 * the one exporter in use, OTLP over HTTP. (The all-in-one @opentelemetry/sdk-node brought every exporter —
 * gRPC, protobuf, Zipkin, Prometheus, logs and metrics — into the image: 175 of its 325 MB of node_modules.)
 */
export async function startTelemetry(config: Config): Promise<(() => Promise<void>) | undefined> {
  if (!config.otlpEndpoint) return undefined;
  const [
    { BatchSpanProcessor, NodeTracerProvider },
    { resourceFromAttributes },
    { registerInstrumentations },
    { OTLPTraceExporter },
    { HttpInstrumentation },
    { PgInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  const exporter = new OTLPTraceExporter({ url: `${config.otlpEndpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'aralin-server' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
      }),
      new PgInstrumentation(),
    ],
  });
  return async () => {
    unregister();
    await provider.shutdown();
  };
}
