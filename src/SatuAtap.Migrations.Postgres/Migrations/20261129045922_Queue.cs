using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Queue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QueueSeries",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Letter = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueSeries", x => x.AgencyId);
                    table.ForeignKey(
                        name: "FK_QueueSeries_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueSites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MobileStopId = table.Column<Guid>(type: "uuid", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueSites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QueueTicketSequences",
                columns: table => new
                {
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Series = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueTicketSequences", x => new { x.SiteId, x.Series, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "QueueSiteCounters",
                columns: table => new
                {
                    CounterId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueSiteCounters", x => x.CounterId);
                    table.ForeignKey(
                        name: "FK_QueueSiteCounters_Counters_CounterId",
                        column: x => x.CounterId,
                        principalTable: "Counters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QueueSiteCounters_QueueSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QueueSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Booked = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueSlots", x => x.Id);
                    table.CheckConstraint("CK_QueueSlots_Booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\"");
                    table.CheckConstraint("CK_QueueSlots_Window", "\"EndUtc\" > \"StartUtc\"");
                    table.ForeignKey(
                        name: "FK_QueueSlots_QueueSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QueueSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QueueSlots_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QueueTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Series = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Hop = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Parked = table.Column<bool>(type: "boolean", nullable: false),
                    Priority = table.Column<bool>(type: "boolean", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ArrivedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CalledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastCalledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CounterId = table.Column<Guid>(type: "uuid", nullable: true),
                    TargetCounterId = table.Column<Guid>(type: "uuid", nullable: true),
                    TransferredFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueTickets_QueueSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QueueSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QueueBookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Nik = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CancelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PhoneKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NikKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueBookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueBookings_QueueSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "QueueSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QueueTicketEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CounterId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueTicketEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueTicketEvents_QueueTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "QueueTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueueBookings_Code",
                table: "QueueBookings",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueBookings_NikKey",
                table: "QueueBookings",
                column: "NikKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueBookings_PhoneKey",
                table: "QueueBookings",
                column: "PhoneKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueBookings_SlotId",
                table: "QueueBookings",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueSeries_Letter",
                table: "QueueSeries",
                column: "Letter",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueSiteCounters_SiteId",
                table: "QueueSiteCounters",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueSlots_ServiceId",
                table: "QueueSlots",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueSlots_SiteId_ServiceId_Day",
                table: "QueueSlots",
                columns: new[] { "SiteId", "ServiceId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueSlots_SiteId_ServiceId_StartUtc",
                table: "QueueSlots",
                columns: new[] { "SiteId", "ServiceId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueTicketEvents_TicketId",
                table: "QueueTicketEvents",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_BookingId",
                table: "QueueTickets",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_SiteId_Day_Status",
                table: "QueueTickets",
                columns: new[] { "SiteId", "Day", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_SiteId_Series_Day_Number_Hop",
                table: "QueueTickets",
                columns: new[] { "SiteId", "Series", "Day", "Number", "Hop" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueueBookings");

            migrationBuilder.DropTable(
                name: "QueueSeries");

            migrationBuilder.DropTable(
                name: "QueueSiteCounters");

            migrationBuilder.DropTable(
                name: "QueueTicketEvents");

            migrationBuilder.DropTable(
                name: "QueueTicketSequences");

            migrationBuilder.DropTable(
                name: "QueueSlots");

            migrationBuilder.DropTable(
                name: "QueueTickets");

            migrationBuilder.DropTable(
                name: "QueueSites");
        }
    }
}
