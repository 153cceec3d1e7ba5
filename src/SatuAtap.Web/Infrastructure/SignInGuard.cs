using System.Globalization;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The one place that counts sign-in attempts and failures, for the API (<c>/api/v1/identity/login</c>), the sign-in
/// page and the email-code page:
/// <list type="bullet">
/// <item>attempts per client address per minute (<c>RateLimiting:LoginsPerMinute</c>) and per account name per minute
/// (<c>RateLimiting:LoginsPerAccountPerMinute</c>), refused with 429;</item>
/// <item>failures per client address over a sliding 15 minutes (<c>RateLimiting:LoginFailuresPerAddress</c>): the address
/// is refused (429) until its oldest failure is 15 minutes old;</item>
/// <item>failures per account over a sliding 15 minutes: at <see cref="AccountLockoutFailures"/> the account is locked
/// for 15 minutes. One address is stopped before it can make that many, so a stranger alone cannot lock an account.</item>
/// </list>
/// The counters are in Redis when <c>Redis:Configuration</c> is set, so that every node counts against one budget
/// (<see cref="SharedLimits"/>); with one node, or while Redis cannot be reached, in memory on this node. They read the
/// injected clock (the per-minute windows in Redis run on Redis's own). <c>RateLimiting:Enabled=false</c> switches off
/// the limits but not the account lockout.
/// </summary>
public sealed class SignInGuard(IOptions<RateLimitingOptions> options, TimeProvider clock, SharedLimits shared)
{
    /// <summary>Failures on one account within <see cref="FailureWindow"/> that lock it.</summary>
    public const int AccountLockoutFailures = 10;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private const int SweepAbove = 10_000;

    public sealed record Refusal(string Message, TimeSpan RetryAfter)
    {
        public string RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _addressFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _accountFailures = new(StringComparer.Ordinal);

    /// <summary>
    /// For a page: counts one attempt of the request's client on <paramref name="account"/>. Null when it may go ahead;
    /// otherwise the response is set to 429 with <c>Retry-After</c> and the message to show with the form is returned.
    /// </summary>
    public string? RefusePage(HttpContext http, string? account)
    {
        if (Attempt(RateLimiting.ClientKey(http), account) is not { } refusal) return null;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds;
        return refusal.Message;
    }

    /// <summary>
    /// Counts one attempt from <paramref name="address"/> on <paramref name="account"/> (the normalised account name, when
    /// known): null when it may go ahead, otherwise why not.
    /// </summary>
    public Refusal? Attempt(string address, string? account)
    {
        var limits = options.Value;
        if (!limits.Enabled) return null;
        var now = clock.GetUtcNow();
        if (shared.TryRun(db =>
            {
                var (failed, oldest) = SharedLimits.Recent(db, shared.Key(AddressFailures, address), now, FailureWindow, add: false);
                if (failed >= limits.LoginFailuresPerAddress) return FailedFromAddress(oldest + FailureWindow - now);
                if (SharedLimits.Take(db, shared.Key(AddressAttempts, address), limits.LoginsPerMinute, Minute) is { } addressWait)
                    return ManyFromAddress(addressWait);
                if (account is not null && SharedLimits.Take(db, shared.Key(AccountAttempts, account), limits.LoginsPerAccountPerMinute, Minute) is { } accountWait)
                    return ManyOnAccount(accountWait);
                return null;
            }, out var refusal))
            return refusal;
        lock (_gate)
        {
            Sweep(now);
            if (_addressFailures.TryGetValue(address, out var failures))
            {
                Trim(failures, now);
                if (failures.Count >= limits.LoginFailuresPerAddress) return FailedFromAddress(failures.Peek() + FailureWindow - now);
            }
            if (Take(_byAddress, address, limits.LoginsPerMinute, now) is { } addressWait) return ManyFromAddress(addressWait);
            if (account is not null && Take(_byAccount, account, limits.LoginsPerAccountPerMinute, now) is { } accountWait) return ManyOnAccount(accountWait);
            return null;
        }
    }

    private const string AddressFailures = "login-failures-address";
    private const string AccountFailures = "login-failures-account";
    private const string AddressAttempts = "logins-address";
    private const string AccountAttempts = "logins-account";

    private static Refusal FailedFromAddress(TimeSpan wait) => new(Lang.T("Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi nanti.",
        "Too many failed sign-ins from this address. Try again later."), wait);

    private static Refusal ManyFromAddress(TimeSpan wait) => new(Lang.T("Terlalu banyak percobaan masuk dari alamat ini. Coba lagi sebentar lagi.",
        "Too many sign-in attempts from this address. Try again shortly."), wait);

    private static Refusal ManyOnAccount(TimeSpan wait) => new(Lang.T("Terlalu banyak percobaan masuk ke akun ini. Coba lagi sebentar lagi.",
        "Too many sign-in attempts on this account. Try again shortly."), wait);

    /// <summary>Records a failed attempt (wrong password, code or unknown account) from the address.</summary>
    public void AddressFailed(string address)
    {
        if (!options.Value.Enabled) return;
        var now = clock.GetUtcNow();
        if (shared.TryRun(db => SharedLimits.Recent(db, shared.Key(AddressFailures, address), now, FailureWindow, add: true), out _)) return;
        lock (_gate)
        {
            Sweep(now);
            Record(_addressFailures, address, now);
        }
    }

    /// <summary>Records a failure on the account; true when it has now reached the lockout (and its count starts again).</summary>
    public bool AccountFailed(string account)
    {
        var now = clock.GetUtcNow();
        if (shared.TryRun(db =>
            {
                var key = shared.Key(AccountFailures, account);
                if (SharedLimits.Recent(db, key, now, FailureWindow, add: true).Count < AccountLockoutFailures) return false;
                db.KeyDelete(key);
                return true;
            }, out var locked))
            return locked;
        lock (_gate)
        {
            Sweep(now);
            var failures = Record(_accountFailures, account, now);
            if (failures.Count < AccountLockoutFailures) return false;
            _accountFailures.Remove(account);
            return true;
        }
    }

    /// <summary>A successful sign-in forgets the account's failures, as Identity's own counter does.</summary>
    public void AccountSucceeded(string account)
    {
        shared.TryRun(db => db.KeyDelete(shared.Key(AccountFailures, account)), out _);
        lock (_gate) _accountFailures.Remove(account);
    }

    private static TimeSpan? Take(Dictionary<string, Window> windows, string key, int limit, DateTimeOffset now)
    {
        if (!windows.TryGetValue(key, out var window) || now - window.Start >= Minute)
            windows[key] = window = new Window { Start = now };
        if (window.Count >= limit) return window.Start + Minute - now;
        window.Count++;
        return null;
    }

    private static Queue<DateTimeOffset> Record(Dictionary<string, Queue<DateTimeOffset>> failures, string key, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var queue)) failures[key] = queue = new Queue<DateTimeOffset>();
        Trim(queue, now);
        queue.Enqueue(now);
        return queue;
    }

    private static void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && now - queue.Peek() >= FailureWindow) queue.Dequeue();
    }

    /// <summary>Drops counters whose windows have passed, once the maps grow, so that memory stays bounded.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (_byAddress.Count + _byAccount.Count + _addressFailures.Count + _accountFailures.Count < SweepAbove) return;
        foreach (var map in new[] { _byAddress, _byAccount })
            foreach (var key in map.Where(kv => now - kv.Value.Start >= Minute).Select(kv => kv.Key).ToList()) map.Remove(key);
        foreach (var map in new[] { _addressFailures, _accountFailures })
            foreach (var (key, queue) in map.ToList())
            {
                Trim(queue, now);
                if (queue.Count == 0) map.Remove(key);
            }
    }
}
