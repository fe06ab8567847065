/**
 * Every weapp journey. A module adds its own file here (journeys/<module>.ts exporting `<module>Journeys`)
 * and one line below, as it adds its H5 journeys to test/e2e.
 */
import { caseJourneys } from './cases'
import { documentJourneys } from './documents'
import { foundationJourneys } from './foundation'
import { requestJourneys } from './requests'
import { supervisionJourneys } from './supervision'
import { mediationJourneys } from './mediation'
import { videoJourneys } from './video'
import type { WeappJourney } from './types'
import { workbenchJourneys } from './workbench'

export const weappJourneys: WeappJourney[] = [...foundationJourneys, ...documentJourneys, ...requestJourneys, ...mediationJourneys, ...videoJourneys, ...workbenchJourneys, ...supervisionJourneys, ...caseJourneys]
