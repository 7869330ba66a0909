import { Module } from '@nestjs/common';
import { ConsumptionLog } from '../consumption-log';
import { BackgroundJobs, CustomerReportJob, WelcomeMailJob } from './background-jobs/background-jobs';
import { DataSegregation, CustomerPiiConsumer, SignupsConsumer } from './data-segregation/data-segregation';
import { DisasterRecovery, PaymentsConsumer } from './disaster-recovery/disaster-recovery';
import { EuOrdersConsumer, GeoDistribution, UsOrdersConsumer } from './geo-distribution/geo-distribution';
import { ClicksConsumer, LoadDistribution } from './load-distribution/load-distribution';
import { MultiTenancy, TenantEventsConsumer } from './multi-tenancy/multi-tenancy';
import { USE_CASES } from './use-cases.token';

const useCases = [
  GeoDistribution,
  DisasterRecovery,
  DataSegregation,
  LoadDistribution,
  MultiTenancy,
  BackgroundJobs,
];

/** Consumers are ordinary providers in an ordinary feature module: the library finds them wherever they are. */
@Module({
  providers: [
    ConsumptionLog,
    EuOrdersConsumer,
    UsOrdersConsumer,
    PaymentsConsumer,
    CustomerPiiConsumer,
    SignupsConsumer,
    ClicksConsumer,
    TenantEventsConsumer,
    WelcomeMailJob,
    CustomerReportJob,
    ...useCases,
    { provide: USE_CASES, useFactory: (...all: unknown[]) => all, inject: useCases },
  ],
  exports: [ConsumptionLog, USE_CASES],
})
export class UseCasesModule {}
