import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { memo, useCallback, useEffect, useRef, useState } from 'react'
import type { RouteResult } from '../../../../contract/route'
import { authRoutes } from '../../../../contract/auth'
import { ErrorState } from '../../../../components/error-state'
import { PageShell } from '../../../../components/page-shell'
import { showError } from '../../../../core/errors'
import { useStores } from '../../../../core/store-context'
import { homePage } from '../../../../core/use-signed-in'
import './index.scss'

type Groups = RouteResult<typeof authRoutes.previewUsers>['groups']

/** people drawn in the first pass (the screen's worth), then one per task (see drawnPeople) */
const FIRST_PEOPLE = 10

/** One role's first `count` people; memoised, so drawing the next person leaves the other groups alone. */
const PeopleGroup = memo(function PeopleGroup({ group, count, onPick }: { group: Groups[number]; count: number; onPick: (userId: string) => void }) {
  return (
    <View className="signin-group">
      <Text className="section-title">{group.label}</Text>
      <View className="card signin-people">
        {group.people.slice(0, count).map((p) => (
          <View key={p.id} className="signin-person" role="button" aria-label={`以${p.name}（${group.label}）登录`} onClick={() => onPick(p.id)}>
            <Text className="signin-name">{p.name}</Text>
            <Text className="muted">{[p.deptName, p.position].filter(Boolean).join(' · ')}</Text>
          </View>
        ))}
      </View>
    </View>
  )
})

/**
 * Mini-programs: signs in silently and moves on (this page only shows while it works or when it fails).
 * H5: the preview sign-in — pick a seeded person; only the mock BFF in preview mode accepts it.
 */
function SignInPage() {
  const { session, api, inbox } = useStores()
  const [groups, setGroups] = useState<Groups | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  // The staff list has 50-odd people in a dozen groups: drawn in one go it was the longest task of the
  // H5 first load (~250 ms on a slow phone, issue #8's TBT), and a group at a time still made tasks over
  // 50 ms there. What fills the screen is drawn first; then one person at a time, each after the
  // browser has had a turn, a few milliseconds apart.
  const [drawnPeople, setDrawnPeople] = useState(FIRST_PEOPLE)
  const everyone = groups?.reduce((n, g) => n + g.people.length, 0) ?? 0
  useEffect(() => {
    if (drawnPeople >= everyone) return
    const timer = setTimeout(() => setDrawnPeople((n) => n + 1), 0)
    return () => clearTimeout(timer)
  }, [everyone, drawnPeople])
  let toDraw = drawnPeople

  const enter = () => {
    inbox.reset()
    void Taro.reLaunch({ url: homePage() })
  }

  async function load() {
    setError(null)
    if (session.canSignInSilently) {
      try {
        await session.signInSilently()
        enter()
      } catch (err) {
        setError(err)
      }
      return
    }
    try {
      const r = await api.call(authRoutes.previewUsers)
      const wanted = (role: string) => (APP_TARGET === 'resident' ? role === 'resident' : role !== 'resident')
      setGroups(r.groups.filter((g) => wanted(g.role)))
    } catch (err) {
      setError(err)
    }
  }

  useLoad(() => void load())

  async function pick(userId: string) {
    if (busy) return
    setBusy(true)
    try {
      await session.previewSignIn(userId)
      enter()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  // one function for the page's life, so the groups already drawn are not drawn again (PeopleGroup)
  const pickNow = useRef(pick)
  pickNow.current = pick
  const onPick = useCallback((userId: string) => void pickNow.current(userId), [])

  return (
    <PageShell>
      <View className="signin-head">
        <Text className="signin-title">{APP_TARGET === 'resident' ? '宝安智慧调解' : '一端畅联 · 工作台'}</Text>
        {session.canSignInSilently ? (
          <Text className="muted">{session.platform === 'wecom' ? '正在通过企业微信登录…' : '正在通过微信登录…'}</Text>
        ) : (
          <View className="signin-banner" role="note">
            预览登录：仅用于本地演示与测试，正式环境通过{APP_TARGET === 'resident' ? '微信' : '企业微信'}自动登录。请选择以谁的身份进入。
          </View>
        )}
      </View>
      {error ? <ErrorState error={error} onRetry={() => void load()} /> : null}
      {groups?.map((g) => {
        const count = Math.min(g.people.length, Math.max(0, toDraw))
        toDraw -= count
        return count ? <PeopleGroup key={g.role} group={g} count={count} onPick={onPick} /> : null
      })}
      {session.canSignInSilently && error ? (
        <View className="signin-retry">
          <Button block type="primary" onClick={() => void load()}>
            重新登录
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}

export default observer(SignInPage)
