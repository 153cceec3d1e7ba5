using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Outreach;

/// <summary>Settings of the mobile mall (<c>Outreach:*</c>).</summary>
public sealed class OutreachOptions
{
    public const string Section = "Outreach";

    /// <summary>What a kilometre of travel costs a citizen (public transport or an ojek), in rupiah: the fare part of "trips saved".</summary>
    public long CostPerKmRupiah { get; set; } = 2_500;

    /// <summary>How many days ahead the public schedule, the home page and the feed show visits.</summary>
    public int ScheduleDays { get; set; } = 90;

    /// <summary>How long a node keeps the stops and the visits in memory before reading them again; a change on this node
    /// shows at once. With several web nodes this is how long another node's change may take to show.</summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>How long a node keeps the places left of the visits' slots in memory (0: read them on every call). A
    /// booking or cancellation made on this node shows at once; one made on another node within this time.</summary>
    public int PlacesSeconds { get; set; } = 2;
}

public sealed class OutreachOptionsValidator : IValidateOptions<OutreachOptions>
{
    public ValidateOptionsResult Validate(string? name, OutreachOptions o)
    {
        var failures = new List<string>();
        if (o.CostPerKmRupiah is < 0 or > 1_000_000) failures.Add($"{OutreachOptions.Section}:CostPerKmRupiah must be between 0 and 1000000.");
        if (o.ScheduleDays is < 1 or > 400) failures.Add($"{OutreachOptions.Section}:ScheduleDays must be between 1 and 400.");
        if (o.CacheSeconds is < 1 or > 3600) failures.Add($"{OutreachOptions.Section}:CacheSeconds must be between 1 and 3600.");
        if (o.PlacesSeconds is < 0 or > 60) failures.Add($"{OutreachOptions.Section}:PlacesSeconds must be between 0 and 60.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
