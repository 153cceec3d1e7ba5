using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Outreach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Facilities",
                table: "MobileStops",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "MobileStops",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "MobileStops",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RoadDistanceKm",
                table: "MobileStops",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "TravelMinutes",
                table: "MobileStops",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "OutreachUnits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Vehicle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Crew = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachUnits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutreachVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StopId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OnHolidayConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachVisits", x => x.Id);
                    table.CheckConstraint("CK_OutreachVisits_Window", "\"EndUtc\" > \"StartUtc\"");
                    table.ForeignKey(
                        name: "FK_OutreachVisits_MobileStops_StopId",
                        column: x => x.StopId,
                        principalTable: "MobileStops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutreachVisits_OutreachUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OutreachUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutreachVisits_QueueSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QueueSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutreachVisitServices",
                columns: table => new
                {
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quota = table.Column<int>(type: "integer", nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachVisitServices", x => new { x.VisitId, x.ServiceId });
                    table.ForeignKey(
                        name: "FK_OutreachVisitServices_OutreachVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "OutreachVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutreachVisitServices_QueueSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "QueueSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutreachVisitServices_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisits_SiteId",
                table: "OutreachVisits",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisits_StartUtc",
                table: "OutreachVisits",
                column: "StartUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisits_StopId_StartUtc",
                table: "OutreachVisits",
                columns: new[] { "StopId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisits_UnitId_StartUtc",
                table: "OutreachVisits",
                columns: new[] { "UnitId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisitServices_ServiceId",
                table: "OutreachVisitServices",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisitServices_SlotId",
                table: "OutreachVisitServices",
                column: "SlotId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutreachVisitServices");

            migrationBuilder.DropTable(
                name: "OutreachVisits");

            migrationBuilder.DropTable(
                name: "OutreachUnits");

            migrationBuilder.DropColumn(
                name: "Facilities",
                table: "MobileStops");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "MobileStops");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "MobileStops");

            migrationBuilder.DropColumn(
                name: "RoadDistanceKm",
                table: "MobileStops");

            migrationBuilder.DropColumn(
                name: "TravelMinutes",
                table: "MobileStops");
        }
    }
}
