using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Data;
using StackExchange.Redis;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Several web nodes on one database: <c>Redis:Configuration</c> names the Redis they share (a StackExchange.Redis
/// connection string, for example <c>redis.internal:6379,password=…</c>). Empty, the default: one node, nothing else
/// to run.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";
    /// <summary>The StackExchange.Redis connection string; empty for a single node.</summary>
    public string Configuration { get; set; } = "";
    /// <summary>What every key and channel of this mall starts with, so that several malls may share one Redis.</summary>
    public string Prefix { get; set; } = "satuatap";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>The parsed connection: a node starts (and keeps retrying) while Redis is away.</summary>
    public ConfigurationOptions Connection()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= Prefix;
        return options;
    }
}

internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Prefix) || o.Prefix.Length > 64 || !o.Prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return ValidateOptionsResult.Fail("Redis:Prefix must be 1 to 64 letters, digits, '-', '_' or '.'.");
        if (!o.Enabled) return ValidateOptionsResult.Success;
        try
        {
            return o.Connection().EndPoints.Count == 0
                ? ValidateOptionsResult.Fail("Redis:Configuration names no server (for example 'localhost:6379').")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"Redis:Configuration is not a StackExchange.Redis connection string: {e.Message}");
        }
    }
}

public static class Redis
{
    /// <summary>
    /// The node's share of the mall: always the <see cref="CacheChanges"/> its caches announce changes to and the
    /// <see cref="SharedLimits"/> its limits count with; with <c>Redis:Configuration</c> set, one connection to Redis,
    /// the announcements carried over it, SignalR's Redis backplane and Redis in <c>/health/ready</c>.
    /// </summary>
    public static IServiceCollection AddSatuAtapRedis(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<RedisOptions, RedisOptionsValidator>(config, RedisOptions.Section);
        services.AddSingleton<CacheChanges>();
        services.AddSingleton<SharedLimits>();
        var redis = config.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        // A malformed value is named by the settings check at start.
        if (!redis.Enabled || new RedisOptionsValidator().Validate(null, redis).Failed) return services;
        services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(redis.Connection()));
        services.AddHostedService<RedisNode>();
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = redis.Connection();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.Prefix + ":hub");
        });
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}

/// <summary>
/// Carries this node's cache changes to the other nodes over Redis pub/sub, and theirs to this node's caches. While
/// Redis is away a change is not carried (each cache falls back to its periodic refresh); when the connection comes
/// back every node forgets all its caches once, since announcements may have been missed meanwhile.
/// </summary>
internal sealed class RedisNode(IConnectionMultiplexer redis, CacheChanges changes, IOptions<RedisOptions> options, ILogger<RedisNode> log) : IHostedService
{
    private const string Everything = "*";
    private readonly string _node = Guid.CreateVersion7().ToString("N");
    private RedisChannel Channel => RedisChannel.Literal(options.Value.Prefix + ":cache-changes");

    public async Task StartAsync(CancellationToken ct)
    {
        redis.ConnectionFailed += Lost;
        redis.ConnectionRestored += Restored;
        changes.Transport = Send;
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Heard(message));
        }
        catch (RedisException e)
        {
            // Subscribed again when the connection comes back (Restored).
            log.LogWarning(e, "Redis unreachable at start: caches of other nodes refresh on their own timer until it is back");
        }
    }

    public Task StopAsync(CancellationToken ct)
    {
        changes.Transport = null;
        redis.ConnectionFailed -= Lost;
        redis.ConnectionRestored -= Restored;
        return Task.CompletedTask;
    }

    private void Send(string cache, string? key)
    {
        if (!redis.IsConnected) return;
        try
        {
            redis.GetSubscriber().Publish(Channel, $"{_node}\n{cache}\n{key}", CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            log.LogWarning(e, "Change of {Cache} not announced to other nodes", cache);
        }
    }

    private void Heard(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split('\n');
        if (parts.Length != 3 || parts[0] == _node) return;
        if (parts[1] == Everything) changes.ForgetAll();
        else changes.Heard(parts[1], parts[2].Length == 0 ? null : parts[2]);
    }

    private void Lost(object? sender, ConnectionFailedEventArgs e)
    {
        if (log.IsEnabled(LogLevel.Warning)) log.LogWarning(e.Exception, "Redis connection lost ({Type}, {Failure}): caches fall back to their periodic refresh, limits count per node, live board updates are not pushed (a board catches up at the next update it receives)",
            e.ConnectionType, e.FailureType);
    }

    private void Restored(object? sender, ConnectionFailedEventArgs e)
    {
        if (log.IsEnabled(LogLevel.Information)) log.LogInformation("Redis connection back ({Type}): caches forget what they hold, limits and live updates are shared again", e.ConnectionType);
        changes.ForgetAll();
        if (e.ConnectionType != ConnectionType.Subscription) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var subscriber = redis.GetSubscriber();
                if (!subscriber.IsConnected(Channel)) await subscriber.SubscribeAsync(Channel, (_, message) => Heard(message));
                await subscriber.PublishAsync(Channel, $"{_node}\n{Everything}\n");
            }
            catch (RedisException x)
            {
                log.LogWarning(x, "Redis back but the cache channel could not be joined");
            }
        });
    }
}

/// <summary>Redis in <c>/health/ready</c>: Degraded (still serving, with per-node fallbacks) when it cannot be reached.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        const string fallback = "Redis unreachable: caches refresh on their timer, limits count per node, live board updates are not pushed.";
        if (!redis.IsConnected) return HealthCheckResult.Degraded(fallback);
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded(fallback, e);
        }
    }
}
