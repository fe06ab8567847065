import { Input, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import { directoryRoutes, type Person } from '../contract/directory'
import { toast, userMessage } from '../core/errors'
import { wecom } from '../core/platform'
import { useStores } from '../core/store-context'

export interface PickedPerson {
  id: string
  name: string
  deptName?: string
}

interface Props {
  visible: boolean
  multiple?: boolean
  selected: readonly PickedPerson[]
  onClose(): void
  onConfirm(people: PickedPerson[]): void
}

/**
 * 选人: inside WeCom the enterprise contact picker (wx.qy.selectEnterpriseContact) opens; elsewhere a
 * directory search over the BFF. WeCom returns WeCom userids, which the BFF's directory uses as ids.
 */
export function PersonPicker({ visible, multiple = true, selected, onClose, onConfirm }: Props) {
  const { api } = useStores()
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Person[]>([])
  const [picked, setPicked] = useState<PickedPerson[]>([...selected])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!visible) return
    setPicked([...selected])
    const qy = wecom()
    if (qy?.selectEnterpriseContact) {
      qy.selectEnterpriseContact({
        fromDepartmentId: -1,
        mode: multiple ? 'multi' : 'single',
        type: ['user'],
        success: (r) => {
          onConfirm((r.result.userList ?? []).map((u) => ({ id: u.id, name: u.name })))
        },
        fail: () => onClose(),
      })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible])

  useEffect(() => {
    if (!visible || wecom()?.selectEnterpriseContact) return
    let cancelled = false
    const timer = setTimeout(async () => {
      try {
        const page = await api.call(directoryRoutes.people, { query: { q: query.trim() || undefined, limit: 30 } })
        if (!cancelled) {
          setResults(page.items)
          setError(null)
        }
      } catch (err) {
        if (!cancelled) setError(userMessage(err))
      }
    }, 250)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [visible, query, api])

  if (wecom()?.selectEnterpriseContact) return null

  const toggle = (p: Person) => {
    const on = picked.some((x) => x.id === p.id)
    if (!multiple) return setPicked(on ? [] : [{ id: p.id, name: p.name, deptName: p.deptName }])
    setPicked(on ? picked.filter((x) => x.id !== p.id) : [...picked, { id: p.id, name: p.name, deptName: p.deptName }])
  }

  return (
    <Popup visible={visible} position="bottom" round closeable title="选择人员" onClose={onClose}>
      <View className="picker">
        <Input className="picker-search" value={query} placeholder="搜索姓名、单位或职务" onInput={(e) => setQuery(e.detail.value)} aria-label="搜索人员" />
        {error ? <Text className="field-error">{error}</Text> : null}
        <View className="picker-list" role="listbox" aria-multiselectable={multiple}>
          {results.map((p) => {
            const on = picked.some((x) => x.id === p.id)
            return (
              <View key={p.id} className={`picker-item ${on ? 'is-on' : ''}`} role="option" aria-selected={on} onClick={() => toggle(p)}>
                <Text className="picker-check">{on ? '✓' : ''}</Text>
                <View>
                  <Text className="picker-name">{p.name}</Text>
                  <Text className="muted">
                    {' '}
                    {p.deptName} · {p.position}
                  </Text>
                </View>
              </View>
            )
          })}
          {!results.length && !error ? <Text className="muted">没有找到，请换个关键词</Text> : null}
        </View>
        <Button
          block
          type="primary"
          onClick={() => {
            if (!picked.length) return toast('请至少选择一人')
            onConfirm(picked)
          }}
        >
          确定（已选 {picked.length} 人）
        </Button>
      </View>
    </Popup>
  )
}
