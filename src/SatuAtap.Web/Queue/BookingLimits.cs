using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Queue;

/// <summary>
/// The booking limits, one budget shared by the API and the booking pages: bookings and moves per client address per
/// minute (<c>RateLimiting:BookingsPerAddressPerMinute</c>), and bookings per phone number per hour
/// (<c>RateLimiting:BookingsPerPhonePerHour</c>), so that one person cannot hoard places from many addresses nor
/// one address for many phones. Off with <c>RateLimiting:Enabled=false</c>. With <c>Redis:Configuration</c> set both are
/// counted in Redis across nodes (<see cref="SharedLimits"/>; a phone by its keyed hash, never the number itself).
/// </summary>
public sealed class BookingLimits(IOptions<RateLimitingOptions> options, SharedLimits shared, SatuAtap.Core.Common.PersonalDataProtector protector) : IDisposable
{
    public sealed record Refusal(string Message, TimeSpan? RetryAfter);

    private readonly PartitionedRateLimiter<string> _addresses = PartitionedRateLimiter.Create<string, string>(address =>
        SharedWindowLimiter.Partition(shared, "bookings-address", address, new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.BookingsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    private readonly PartitionedRateLimiter<string> _phones = PartitionedRateLimiter.Create<string, string>(phone =>
        SharedWindowLimiter.Partition(shared, "bookings-phone", phone, new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.BookingsPerPhonePerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));

    /// <summary>
    /// Counts one booking (or, without a phone, one move) from the request's address and the phone; null when it may
    /// go ahead, otherwise why not (answer 429).
    /// </summary>
    public Refusal? Check(HttpContext http, string? phone)
    {
        if (!options.Value.Enabled) return null;
        using (var lease = _addresses.AttemptAcquire(RateLimiting.ClientKey(http)))
        {
            if (!lease.IsAcquired)
                return new(Lang.T("Terlalu banyak pemesanan dari alamat ini. Coba lagi sebentar lagi.", "Too many bookings from this address. Try again shortly."),
                    lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : null);
        }
        if (PhoneNumber.Normalize(phone) is not { } normalized) return null;
        using var byPhone = _phones.AttemptAcquire(shared.Configured ? protector.Hash(normalized) : normalized);
        return byPhone.IsAcquired ? null
            : new(Lang.T("Terlalu banyak pemesanan dengan nomor HP ini. Coba lagi nanti.", "Too many bookings with this phone number. Try again later."),
                byPhone.TryGetMetadata(MetadataName.RetryAfter, out var later) ? later : null);
    }

    /// <summary>The 429 answer of the API, with Retry-After when known.</summary>
    public static IResult TooMany(HttpContext http, Refusal refusal)
    {
        if (refusal.RetryAfter is { } retry)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Problem(429, refusal.Message);
    }

    public void Dispose()
    {
        _addresses.Dispose();
        _phones.Dispose();
    }
}
