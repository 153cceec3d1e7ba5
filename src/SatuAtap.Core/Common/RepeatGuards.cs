using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SatuAtap.Core.Common;

/// <summary>
/// The first answer to an API request sent with an <c>Idempotency-Key</c> header. The unique index on
/// (<see cref="Key"/>, <see cref="Caller"/>, <see cref="Endpoint"/>) lets exactly one request with the key through:
/// it inserts the row with <see cref="StatusCode"/> 0 (pending), does the work, then stores the answer; a repeat
/// within 24 hours gets that answer back, and nothing is created again. Rows older than 24 hours are ignored and
/// deleted.
/// </summary>
public sealed class IdempotencyRecord : Entity
{
    /// <summary>The client's key, 1 to 100 printable ASCII characters.</summary>
    public required string Key { get; set; }
    /// <summary>Who sent it: <c>user:{id}</c> when signed in, otherwise <c>ip:{address}</c>.</summary>
    public required string Caller { get; set; }
    /// <summary>The endpoint's name, for example <c>applications.create</c>.</summary>
    public required string Endpoint { get; set; }
    /// <summary>SHA-256 of the request body (hex): the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }
    /// <summary>0 while the first request runs, then the HTTP status it answered.</summary>
    public int StatusCode { get; set; }
    public string? ResponseBody { get; set; }
    public string? ResponseContentType { get; set; }
    public string? ResponseLocation { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// A one-time form token used up: a page that creates records puts a fresh token in a hidden field, and the first
/// post with it inserts this row (unique <see cref="Token"/>), so a double click or a second tab cannot create twice.
/// <see cref="ResultUrl"/> is where the first post led; a repeat is sent there.
/// </summary>
public sealed class UsedFormToken : Entity
{
    public required string Token { get; set; }
    /// <summary>The form's name, for example <c>permohonan.ajukan</c>.</summary>
    public required string Form { get; set; }
    public string? ResultUrl { get; set; }
    public DateTime CreatedUtc { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Caller).HasMaxLength(100);
        b.Property(x => x.Endpoint).HasMaxLength(64);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.ResponseContentType).HasMaxLength(100);
        b.Property(x => x.ResponseLocation).HasMaxLength(300);
        b.HasIndex(x => new { x.Key, x.Caller, x.Endpoint }).IsUnique();
        b.HasIndex(x => x.CreatedUtc);
    }
}

internal sealed class UsedFormTokenConfiguration : IEntityTypeConfiguration<UsedFormToken>
{
    public void Configure(EntityTypeBuilder<UsedFormToken> b)
    {
        b.ToTable("UsedFormTokens");
        b.Property(x => x.Token).HasMaxLength(64);
        b.Property(x => x.Form).HasMaxLength(64);
        b.Property(x => x.ResultUrl).HasMaxLength(300);
        b.HasIndex(x => x.Token).IsUnique();
        b.HasIndex(x => x.CreatedUtc);
    }
}
