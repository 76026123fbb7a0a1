// The directory's units in the caller's scope, for the pages that filter by unit or register for one.
import { useEffect, useState } from 'react';
import type { UnitView } from '../../api/views';
import { answer, api } from './api';

export function useUnits(): UnitView[] {
  const [units, setUnits] = useState<UnitView[]>([]);
  useEffect(() => {
    void answer<{ items: UnitView[] }>(api.GET('/directory/units'))
      .then((body) => setUnits(body.items))
      .catch(() => undefined);
  }, []);
  return units;
}
