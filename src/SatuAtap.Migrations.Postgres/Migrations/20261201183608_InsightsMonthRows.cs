using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InsightsMonthRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The kept day rows are deleted rather than added up here: the Insights job keeps every closed day not
            // kept yet on its next run, and now writes each month's rows from its days as it goes, so the month rows
            // start complete.
            migrationBuilder.Sql("DELETE FROM \"InsightWaits\";");
            migrationBuilder.Sql("DELETE FROM \"InsightDays\";");

            migrationBuilder.CreateTable(
                name: "InsightMonths",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    District = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    TicketsServed = table.Column<int>(type: "integer", nullable: false),
                    WaitCount = table.Column<int>(type: "integer", nullable: false),
                    WaitSeconds = table.Column<long>(type: "bigint", nullable: false),
                    ServiceCount = table.Column<int>(type: "integer", nullable: false),
                    ServiceSeconds = table.Column<long>(type: "bigint", nullable: false),
                    BookingsKept = table.Column<int>(type: "integer", nullable: false),
                    BookingNoShows = table.Column<int>(type: "integer", nullable: false),
                    ApplicationsCompleted = table.Column<int>(type: "integer", nullable: false),
                    ApplicationsWithDue = table.Column<int>(type: "integer", nullable: false),
                    ApplicationsOnTime = table.Column<int>(type: "integer", nullable: false),
                    ApplicationsOnline = table.Column<int>(type: "integer", nullable: false),
                    Returns = table.Column<int>(type: "integer", nullable: false),
                    FreeServed = table.Column<int>(type: "integer", nullable: false),
                    TripsPeople = table.Column<int>(type: "integer", nullable: false),
                    TripsKm = table.Column<double>(type: "double precision", nullable: false),
                    TripsHours = table.Column<double>(type: "double precision", nullable: false),
                    TripsFareRupiah = table.Column<long>(type: "bigint", nullable: false),
                    SurveyResponses = table.Column<int>(type: "integer", nullable: false),
                    U1 = table.Column<long>(type: "bigint", nullable: false),
                    U2 = table.Column<long>(type: "bigint", nullable: false),
                    U3 = table.Column<long>(type: "bigint", nullable: false),
                    U4 = table.Column<long>(type: "bigint", nullable: false),
                    U5 = table.Column<long>(type: "bigint", nullable: false),
                    U6 = table.Column<long>(type: "bigint", nullable: false),
                    U7 = table.Column<long>(type: "bigint", nullable: false),
                    U8 = table.Column<long>(type: "bigint", nullable: false),
                    U9 = table.Column<long>(type: "bigint", nullable: false),
                    ComplaintsAnswered = table.Column<int>(type: "integer", nullable: false),
                    ComplaintsAnsweredOnTime = table.Column<int>(type: "integer", nullable: false),
                    Bundles = table.Column<int>(type: "integer", nullable: false),
                    PermitsIssued = table.Column<int>(type: "integer", nullable: false),
                    InvestmentRupiah = table.Column<long>(type: "bigint", nullable: false),
                    Jobs = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightMonths", x => new { x.Day, x.AgencyId, x.SiteId, x.ServiceId, x.District });
                });

            migrationBuilder.CreateTable(
                name: "InsightMonthWaits",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    District = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Minute = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightMonthWaits", x => new { x.Day, x.AgencyId, x.SiteId, x.ServiceId, x.District, x.Minute });
                });

            migrationBuilder.CreateIndex(
                name: "IX_InsightMonths_AgencyId_Day",
                table: "InsightMonths",
                columns: new[] { "AgencyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightMonthWaits_AgencyId_Day",
                table: "InsightMonthWaits",
                columns: new[] { "AgencyId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightMonths");

            migrationBuilder.DropTable(
                name: "InsightMonthWaits");
        }
    }
}
