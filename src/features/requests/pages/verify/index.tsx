import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { RouteResult } from '../../../../contract/route'
import { requestRoutes } from '../../../../contract/requests'
import { PageShell } from '../../../../components/page-shell'
import { userMessage } from '../../../../core/errors'
import { formatTime } from '../../../../core/format'
import { useStores } from '../../../../core/store-context'
import './index.scss'

type Verdict = RouteResult<typeof requestRoutes.verifyCertificate>

/** 证明核验: anyone holding the code checks a certificate is genuine; no sign-in needed. */
export default function VerifyPage() {
  const { api } = useStores()
  const [code, setCode] = useState(useRouter().params.code ?? '')
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function check(value = code) {
    const c = value.trim().toUpperCase()
    // a verdict belongs to the code it was given for: never leave "✓ 真实有效" beside another code's error
    setVerdict(null)
    if (!/^[A-Z0-9]{6,20}$/.test(c)) return setProblem('请输入证明上的核验码（字母和数字）')
    setBusy(true)
    setProblem(null)
    setVerdict(null)
    try {
      setVerdict(await api.call(requestRoutes.verifyCertificate, { params: { code: c } }))
    } catch (err) {
      setProblem(userMessage(err))
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (code) void check(code)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <PageShell>
      <View className="card form-field">
        <Text className="form-label">核验码</Text>
        <Input className="form-input" value={code} maxlength={20} placeholder="证明右下角的核验码" aria-label="核验码" onInput={(e) => {
            setCode(e.detail.value)
            setVerdict(null)
          }} />
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void check()}>
          核验
        </Button>
      </View>
      {problem ? (
        <View className="card verify-bad" role="alert">
          <Text>{problem}</Text>
        </View>
      ) : null}
      {verdict ? (
        <View className="card verify-ok" role="status">
          <Text className="verify-mark">✓ 证明真实有效</Text>
          <Text>
            {verdict.title} · 持有人 {verdict.holderName}
          </Text>
          <Text className="muted">
            {verdict.issuer} 于 {formatTime(verdict.issuedAt)} 开具
          </Text>
        </View>
      ) : null}
    </PageShell>
  )
}
