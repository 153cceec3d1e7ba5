using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

public enum BookingStatus { Active, Cancelled, CheckedIn }

/// <summary>
/// A place in a slot, held by a person (name and phone; NIK optional, stored encrypted). <see cref="PhoneKey"/> and
/// <see cref="NikKey"/> are keyed hashes of "service + day + person" while the booking holds its place and null once
/// it is cancelled; unique indexes on them make "one active booking per person per service per day" a database rule
/// without the phone number or NIK being readable from them.
/// </summary>
public sealed class Booking : Entity
{
    public required string Code { get; set; }
    public Guid SlotId { get; set; }
    public Guid SiteId { get; set; }
    public Guid ServiceId { get; set; }
    public DateOnly Day { get; set; }
    public DateTime StartUtc { get; set; }
    public required string Name { get; set; }
    /// <summary>National form, <c>08…</c>.</summary>
    public required string Phone { get; set; }
    public string? Nik { get; set; }
    public Guid? UserId { get; set; }
    public BookingStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }
    public DateTime? CheckedInUtc { get; set; }
    public string? PhoneKey { get; set; }
    public string? NikKey { get; set; }

    /// <summary>The keyed hash (64 hex digits) that stands for "this person, this service, this day".</summary>
    public static string PersonKey(PersonalDataProtector protector, Guid serviceId, DateOnly day, string person) =>
        protector.Hash(PersonKeyText(serviceId, day, person));

    /// <summary>What <see cref="PersonKey"/> hashes; bookings made before hashing stored this text itself.</summary>
    public static string PersonKeyText(Guid serviceId, DateOnly day, string person) => $"{serviceId:N}|{day:yyyyMMdd}|{person}";
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        b.ToTable("QueueBookings");
        b.Property(x => x.Code).HasMaxLength(16);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(16);
        b.Property(x => x.Nik).HasMaxLength(Data.PersonalDataModel.StoredLength(16)).IsPersonalData();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PhoneKey).HasMaxLength(64);
        b.Property(x => x.NikKey).HasMaxLength(64);
        b.HasIndex(x => x.PhoneKey).IsUnique();
        b.HasIndex(x => x.NikKey).IsUnique();
        b.HasIndex(x => x.SlotId);
        b.HasOne<Slot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}
