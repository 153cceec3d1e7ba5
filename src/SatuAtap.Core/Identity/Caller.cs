namespace SatuAtap.Core.Identity;

/// <summary>
/// Who is asking: the signed-in person (or nobody, or the system itself), their roles, agency and site. The web host
/// builds it once per request from the sign-in's claims; background jobs use <see cref="System"/>. Every
/// authorization rule of the mall is a member of this type, so that no module decides on its own who is a manager.
/// </summary>
/// <param name="UserId">The account's id; null for an anonymous visitor and for the system.</param>
/// <param name="Name">The name shown to people (the account's full name, else its user name).</param>
/// <param name="Account">The account's user name (its email), as the audit trail and the queue's events record it.</param>
/// <param name="Roles">The account's roles (<see cref="Identity.Roles"/>).</param>
/// <param name="AgencyId">The agency an officer or agency head belongs to; null for everyone else.</param>
/// <param name="SiteId">The site the person works at (a queue site: the building or the mobile unit); null when not bound to one.</param>
public sealed record Caller(Guid? UserId, string Name, string Account, IReadOnlyCollection<string> Roles, Guid? AgencyId, Guid? SiteId = null)
{
    /// <summary>Nobody signed in.</summary>
    public static readonly Caller Anonymous = new(null, "", "anonymous", [], null);

    /// <summary>The mall itself: background jobs (overdue applications, retention) and start-up work.</summary>
    public static readonly Caller System = new(null, "Sistem", "system", [], null);

    private bool Has(string role) => Roles.Contains(role);

    /// <summary>A mall manager or an administrator: acts on everything in the mall.</summary>
    public bool IsManager => Has(Identity.Roles.Manager) || Has(Identity.Roles.Administrator);

    public bool IsAdministrator => Has(Identity.Roles.Administrator);

    /// <summary>The regent and the regency's leaders: see every agency's figures, change nothing.</summary>
    public bool IsExecutive => Has(Identity.Roles.Executive);

    public bool IsCitizen => Has(Identity.Roles.Citizen);

    /// <summary>Any staff role (officer, agency head, manager, executive, administrator).</summary>
    public bool IsStaff => Identity.Roles.Staff.Any(Has);

    /// <summary>Sees the figures of every agency, not only their own: managers and executives.</summary>
    public bool SeesWholeMall => IsManager || IsExecutive;

    /// <summary>An officer or agency head bound to an agency.</summary>
    public bool IsAgencyStaff => AgencyId is not null && (Has(Identity.Roles.Officer) || Has(Identity.Roles.AgencyHead));

    /// <summary>An agency head bound to an agency.</summary>
    public bool IsAgencyHead => AgencyId is not null && Has(Identity.Roles.AgencyHead);

    /// <summary>An officer or the head of this agency.</summary>
    public bool IsOfficerOf(Guid agencyId) => IsAgencyStaff && AgencyId == agencyId;

    /// <summary>The head of this agency.</summary>
    public bool IsHeadOf(Guid agencyId) => IsAgencyHead && AgencyId == agencyId;

    /// <summary>Edits an agency's own content (its services, counters, workflows): a manager, or that agency's head.</summary>
    public bool MayEditAgencyContent(Guid agencyId) => IsManager || IsHeadOf(agencyId);

    /// <summary>Edits some of the catalog: a manager, or any agency head.</summary>
    public bool MayEditCatalog => IsManager || IsAgencyHead;

    /// <summary>Works a counter or a queue of this agency: a manager, or staff whose account belongs to the agency.</summary>
    public bool MayActFor(Guid agencyId) => IsManager || AgencyId == agencyId;

    /// <summary>The record is this person's own: they own it, or they captured it for someone without an account.</summary>
    public bool Owns(Guid? ownerUserId, Guid? capturedByUserId) =>
        UserId is { } me && (ownerUserId == me || ownerUserId is null && capturedByUserId == me);

    /// <summary>
    /// Sees a citizen's record: its owner, the officer who captured it, or an officer or head of the agency that owns
    /// it or of the agency now working on it.
    /// </summary>
    public bool MaySeeRecord(Guid? ownerUserId, Guid? capturedByUserId, Guid agencyId, Guid? currentAgencyId) =>
        UserId is { } me && (ownerUserId == me || capturedByUserId == me)
        || IsAgencyStaff && (agencyId == AgencyId || currentAgencyId == AgencyId);

    /// <summary>Acts at a step of a record's workflow: staff of the step's agency in the step's role (the agency's head at any of its steps).</summary>
    public bool MayActAtStep(Guid stepAgencyId, string stepRole) =>
        AgencyId == stepAgencyId && (Has(stepRole) || Has(Identity.Roles.AgencyHead));
}
