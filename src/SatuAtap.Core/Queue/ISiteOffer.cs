namespace SatuAtap.Core.Queue;

/// <summary>
/// A limit on what a site offers on a day beyond the counters placed there, given by a module that runs the site's
/// days (the mobile unit's visits at a mobile site). The kiosk API asks every registered one before issuing a ticket;
/// without any, the counters alone decide.
/// </summary>
public interface ISiteOffer
{
    /// <summary>Why a ticket for the service cannot be taken at the site on the day (the 422's message), or null when it can.</summary>
    ValueTask<string?> RefusalAsync(Site site, Guid serviceId, DateOnly day, CancellationToken ct);
}
